// The pacing of an exercise: repetitions per side, phases with spoken cues, counts
// and hold countdowns, on a pausable clock. A time scale speeds up tests; no phase
// is ever skipped. Each phase's start and end go to window.backcoachTimeline.

const timeline = (window.backcoachTimeline = []);

export class Stopped extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

/** Waits that count only unpaused time, scaled by `timescale`. */
export class Clock {
  constructor(timescale = 1) {
    this.timescale = timescale;
    this.paused = false;
    this.pausedAt = 0;
    this.pausedMs = 0; // all paused time so far, so a phase's duration can leave it out
    this.resumers = [];
  }

  pause() {
    if (this.paused) return;
    this.paused = true;
    this.pausedAt = performance.now();
  }

  resume() {
    if (!this.paused) return;
    this.paused = false;
    this.pausedMs += performance.now() - this.pausedAt;
    this.resumers.splice(0).forEach((resolve) => resolve());
  }

  whenRunning() {
    return this.paused ? new Promise((resolve) => this.resumers.push(resolve)) : Promise.resolve();
  }

  /**
   * Wait `seconds` of running time. `gate()` false holds the clock like a pause (the
   * camera coach: a hold counts only while held); `scaled: false` waits real seconds
   * (for the patient's own movement, which no time scale speeds up).
   */
  async wait(seconds, signal, { gate = null, scaled = true } = {}) {
    let remaining = seconds * 1000 * (scaled ? this.timescale : 1);
    while (remaining > 0) {
      if (signal?.aborted) throw new Stopped(signal.reason);
      if (gate && !gate()) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        continue;
      }
      if (this.paused) {
        await this.whenRunning();
        continue;
      }
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, Math.min(remaining, 25)));
      const end = this.paused ? Math.max(start, this.pausedAt) : performance.now();
      remaining -= end - start;
    }
    if (signal?.aborted) throw new Stopped(signal.reason);
  }
}

/** The repetitions of an exercise in order: which variant (side, leg, direction) and which count. */
export function repetitionPlan(exercise, reps) {
  const variants = exercise.variants.length ? exercise.variants.map((v) => v.id) : [null];
  const plan = [];
  if (exercise.variant_order === "blocks") {
    for (const variant of variants) for (let n = 1; n <= reps; n++) plan.push({ variant, n });
  } else {
    for (let n = 1; n <= reps; n++) for (const variant of variants) plan.push({ variant, n });
  }
  return plan;
}

export function phaseCue(phase, variant) {
  return phase.cue ?? phase.cue_per_variant[variant];
}

function format(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key]));
}

/**
 * Run one exercise from repetition `fromRep` of its plan.
 * `ui` receives the display updates; `onRepetition(index)` is called before each
 * repetition (to save progress) and `onRepetitionDone(variant, {n, phases})` after it,
 * `phases` being this repetition's timeline entries (repetitions.js turns them into seconds).
 */
export async function runExercise({ exercise, reps, program, clock, signal, say, tick, ui, fromRep = 0, onRepetition, onRepetitionDone, gates = null }) {
  const plan = repetitionPlan(exercise, reps);
  const labels = Object.fromEntries(exercise.variants.map((v) => [v.id, v.label]));
  for (let index = fromRep; index < plan.length; index++) {
    const { variant, n } = plan[index];
    await onRepetition(index);
    const announcement = variant
      ? format(program.ui.repetition_variant, { variant: labels[variant], n, total: reps })
      : format(program.ui.repetition, { n, total: reps });
    ui.repetition({ variant, label: variant ? labels[variant] : "", n, total: reps, index, plan });
    await untilSpoken(say(announcement, "repetition"), signal);
    gates?.startRepetition();
    const phases = [];
    for (const phase of exercise.phases) {
      phases.push(await runPhase({ exercise, phase, variant, n, clock, signal, say, tick, ui, gates }));
    }
    // With the camera on, the repetition ends when the camera sees it end (its phases
    // measured); otherwise, or when the camera lost the patient, when the timer says.
    const measured = gates ? await gates.repetitionDone(clock, signal) : null;
    await onRepetitionDone(variant, { n, phases, measured });
  }
}

async function runPhase({ exercise, phase, variant, n, clock, signal, say, tick, ui, gates }) {
  await clock.whenRunning();
  const entry = { exercise: exercise.id, variant, n, phase: phase.id, kind: phase.kind, min_seconds: phase.min_seconds, start: performance.now(), end: null, scale: clock.timescale, paused_ms: 0 };
  const pausedBefore = clock.pausedMs;
  timeline.push(entry);
  const cue = phaseCue(phase, variant);
  ui.phase({ phase, cue });
  const spoken = [say(cue, "cue")];
  if (phase.kind === "hold" && exercise.breathing_cue) spoken.push(say(exercise.breathing_cue, "breathing"));
  const seconds = Math.ceil(phase.min_seconds);
  for (let i = 1; i <= seconds; i++) {
    const shown = phase.kind === "hold" ? seconds - i + 1 : i;
    ui.count({ value: shown, kind: phase.kind, of: seconds });
    tick(i === 1);
    const gate = phase.kind === "hold" ? gates?.hold : null;
    await clock.wait(Math.min(1, phase.min_seconds - (i - 1)), signal, { gate });
  }
  // A phase lasts at least its minimum and at least until its cue has been said.
  // Otherwise a cue longer than its phase (common in Polish and Turkish) would
  // queue behind the next ones, and the voice would lag further each repetition.
  await untilSpoken(Promise.all(spoken), signal);
  entry.end = performance.now();
  entry.paused_ms = clock.pausedMs - pausedBefore; // time paused during it did not run
  return entry;
}

/** Wait for speech to finish, unless the exercise is stopped or skipped meanwhile. */
async function untilSpoken(spoken, signal) {
  if (signal?.aborted) throw new Stopped(signal.reason);
  let onAbort;
  const aborted = new Promise((_, reject) => {
    onAbort = () => reject(new Stopped(signal.reason));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([spoken, aborted]);
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

export { format };
