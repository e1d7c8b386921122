// Each repetition's measured phases, stored with the exercise result (docs/session.md).
// The paced player records what the timer ran; the camera coach calls the same
// recordRepetition with what it measured. Only these numbers leave the device.

export const MAX_REPETITIONS = 200; // the server's limit (practice/schemas.py)
const MAX_SECONDS = 600;

/** Which part of a repetition a phase kind belongs to: out, hold or back. */
const PART_OF_KIND = { move: "out", hold: "hold", pause: "hold", return: "back" };

function seconds(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.round(Math.min(MAX_SECONDS, Math.max(0, value)) * 1000) / 1000;
}

/**
 * One entry from the phases the engine ran for a repetition: `phases` are the
 * timeline entries ({kind, start, end, paused_ms} in ms of performance.now(), `scale` the
 * clock's timescale), so the figures are real seconds also under ?timescale.
 * A part the exercise does not have (no hold) is null.
 */
export function pacedEntry(variant, n, phases) {
  const totals = { out: null, hold: null, back: null };
  for (const phase of phases) {
    const part = PART_OF_KIND[phase.kind];
    if (!part || phase.end === null) continue;
    const ran = phase.end - phase.start - (phase.paused_ms || 0);
    totals[part] = (totals[part] ?? 0) + ran / 1000 / (phase.scale || 1);
  }
  return { variant: variant ?? null, n, source: "paced", out_seconds: seconds(totals.out), hold_seconds: seconds(totals.hold), back_seconds: seconds(totals.back) };
}

/**
 * Add one repetition to the running result (`progress.result.repetitions`).
 * `entry`: {variant (null without sides), n (1..), source ("camera" | "paced"),
 * out_seconds, hold_seconds, back_seconds (real seconds, null when not measured)}.
 * The caller saves `progress` afterwards, as for the counts.
 */
export function recordRepetition(progress, entry) {
  const list = (progress.result.repetitions ??= []);
  if (list.length >= MAX_REPETITIONS) return list;
  list.push({
    variant: entry.variant ?? null,
    n: entry.n,
    source: entry.source === "camera" ? "camera" : "paced",
    out_seconds: seconds(entry.out_seconds),
    hold_seconds: seconds(entry.hold_seconds),
    back_seconds: seconds(entry.back_seconds),
  });
  return list;
}
