// Small operations on a timed trace (parallel arrays of times and values) for timing
// (mirrors backcoach/motion/trace.py).

export const EDGE_LEVEL = 0.15; // of the amplitude: the crossings that time a movement
export const EDGE_U = 0.28992; // share of a minimum-jerk movement spent below EDGE_LEVEL
export const REACH_SAMPLES = 4; // samples either side of a crossing for its local speed
export const MAX_REACH_SECONDS = 2.0; // an edge never lies further than this from its crossing

/** Each sample replaced by the mean of the samples within +-half seconds (zero phase). */
export function centredMean(ts, ys, half) {
  const out = [];
  let lo = 0;
  let hi = 0;
  let total = 0.0;
  const n = ys.length;
  for (let k = 0; k < n; k++) {
    while (hi < n && ts[hi] <= ts[k] + half) {
      total += ys[hi];
      hi += 1;
    }
    while (ts[lo] < ts[k] - half) {
      total -= ys[lo];
      lo += 1;
    }
    out.push(total / (hi - lo));
  }
  return out;
}

/** Time where the line from sample k to k+1 crosses `level` (clamped to the samples). */
export function cross(ts, ys, k, level) {
  if (k < 0) return ts[0];
  if (k >= ts.length - 1) return ts[ts.length - 1];
  const y0 = ys[k];
  const y1 = ys[k + 1];
  if (y1 === y0) return ts[k];
  let f = (level - y0) / (y1 - y0);
  f = f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f;
  return ts[k] + f * (ts[k + 1] - ts[k]);
}

/** Time from an EDGE_LEVEL crossing at sample k to the movement's end, from the local
 * speed there (a minimum-jerk movement crosses EDGE_LEVEL at u = EDGE_U). */
export function reach(ts, ys, k, amplitude) {
  const lo = Math.max(k - REACH_SAMPLES, 0);
  const hi = Math.min(k + 1 + REACH_SAMPLES, ts.length - 1);
  if (hi <= lo) return 0.0;
  const speed = Math.abs(ys[hi] - ys[lo]) / (ts[hi] - ts[lo]);
  const shape = 30.0 * EDGE_U * EDGE_U * (1.0 - EDGE_U) * (1.0 - EDGE_U);
  const far = speed > 0.0 ? (EDGE_U * shape * amplitude) / speed : MAX_REACH_SECONDS;
  return far < MAX_REACH_SECONDS ? far : MAX_REACH_SECONDS;
}

/** The first sample at or after time t (the last sample if none). */
export function indexAfter(ts, t) {
  for (let k = 0; k < ts.length; k++) if (ts[k] >= t) return k;
  return ts.length - 1;
}

/** Whether time t lies among the samples: not before the first nor after the last, and not
 * in a gap longer than `maxGap` between two of them (the person was not seen). */
export function inSamples(ts, t, maxGap) {
  if (t < ts[0] || t > ts[ts.length - 1]) return false;
  const k = indexAfter(ts, t);
  return k === 0 || ts[k] === t || ts[k] - ts[k - 1] <= maxGap;
}

/** The mean of the samples between t0 and t1, or null if fewer than 4. */
export function meanBetween(ts, ys, t0, t1) {
  let total = 0.0;
  let count = 0;
  for (let k = 0; k < ts.length; k++) {
    if (t0 <= ts[k] && ts[k] <= t1) {
      total += ys[k];
      count += 1;
    }
  }
  return count >= 4 ? total / count : null;
}
