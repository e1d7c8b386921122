// Analysis time per frame of the motion core over the shared test vectors: for
// `backcoach bench motion-js` (node) and later the browser bench (a page or a worker).
// Vectors are passed in already parsed, so this needs neither fs nor fetch.
import { LANDMARK_NAMES } from "./landmarks.js";
import { createAnalyzer } from "./motion.js";

/** A vector's frames as 33 landmarks each (those not stored are absent: visibility 0). */
export function vectorFrames(vector) {
  const indices = vector.landmarks.map((name) => LANDMARK_NAMES.indexOf(name));
  return vector.frames.map((frame) => {
    if (frame === null) return null;
    const rows = LANDMARK_NAMES.map(() => [0, 0, 0, 0]);
    indices.forEach((index, k) => {
      rows[index] = frame[k];
    });
    return rows;
  });
}

/** One vector analysed as the coach would: frame by frame, then finish(). */
export function analyzeVector(vector, frames = vectorFrames(vector)) {
  const analyzer = createAnalyzer(vector.signal, vector.tracker, {
    aspectRatio: vector.aspect_ratio,
    minVisibility: vector.min_visibility,
  });
  const times = vector.times;
  for (let i = 0; i < times.length; i++) analyzer.push(times[i], frames[i]);
  return analyzer.finish();
}

/**
 * Microseconds of analysis per frame (measure and tracker, timing fits included) over
 * all `vectors`, the best of `rounds` rounds of `passes` passes each, after one warm-up
 * pass for the JIT. `clock()` returns microseconds (CPU time under node; in a browser
 * performance.now() * 1000, the default).
 */
export function benchVectors(vectors, { rounds = 5, passes = 5, clock = () => performance.now() * 1000 } = {}) {
  const prepared = vectors.map((vector) => [vector, vectorFrames(vector)]);
  const frames = prepared.reduce((total, [vector]) => total + vector.times.length, 0);
  for (const [vector, rows] of prepared) analyzeVector(vector, rows);
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = clock();
    for (let pass = 0; pass < passes; pass++) {
      for (const [vector, rows] of prepared) analyzeVector(vector, rows);
    }
    best = Math.min(best, (clock() - start) / (passes * frames));
  }
  return { frames, us_per_frame: best };
}
