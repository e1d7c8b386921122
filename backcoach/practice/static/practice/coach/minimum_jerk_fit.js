// Timing movements by fitting the minimum-jerk profile s(u) = 10u^3 - 15u^4 + 6u^5
// (Flash and Hogan 1985) to their samples: Gauss-Newton least squares with Marquardt
// damping over each step's start, duration and size. Mirrors
// backcoach/motion/minimum_jerk_fit.py operation for operation (the same sums in the
// same order), so the browser gives Python's times.
import { solve } from "./linear_solve.js";
import { max2 } from "./py.js";

export const FIT_ITERATIONS = 4;
export const FIT_MAX_STEP_SECONDS = 0.5;
export const FIT_MIN_SECONDS = 0.2;
export const FIT_TOLERANCE_SECONDS = 0.01; // steps smaller than this end the fit
export const FIT_DAMPING = 1e-3; // Marquardt's: a step the data hardly sees stays put
export const FIT_SAMPLES_PER_SECOND = 12.0; // denser traces are thinned to about this rate
export const MAX_SHIFT_SECONDS = 4.0; // a fit that moves an end further is discarded
export const EXCURSION_ITERATIONS = 6; // a whole excursion starts further from its fit

/** Python's max(1, int(rate / FIT_SAMPLES_PER_SECOND + 0.5)) for samples first..last:
 * jitter is correlated over ~0.1 s, so a sample every ~0.1 s carries most of it. */
function strideOf(ts, first, last) {
  const rate = ts[last] > ts[first] ? (last - first) / (ts[last] - ts[first]) : 0.0;
  return Math.max(1, Math.trunc(rate / FIT_SAMPLES_PER_SECOND + 0.5));
}

function zeros(n) {
  return new Array(n).fill(0.0);
}

/**
 * Start and end of a movement from about `begin` to about `finish`, made of `steps`
 * minimum-jerk movements one after the other, fitted to samples first..last; [start,
 * end] (the first guess) if the fit does not settle. The rest level stays fixed.
 */
export function fitMovement(ts, ys, first, last, begin, finish, start, end, restFirst,
  steps = 1, iterations = FIT_ITERATIONS) {
  // Model: y = anchor + sum_i size_i * (s(u_i) - lift), u_i = (t - start_i) / length_i.
  const anchor = restFirst ? begin : finish;
  const lift = restFirst ? 0.0 : 1.0;
  const duration = end - start;
  if (last - first < 6 || finish === begin || duration <= 0.0) return [start, end];
  const each = duration / steps;
  const params = [];
  for (let i = 0; i < steps; i++) params.push(start + i * each, each, (finish - begin) / steps);
  const size = 3 * steps;
  const stride = strideOf(ts, first, last);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const normal = Array.from({ length: size }, () => zeros(size));
    const rhs = zeros(size);
    for (let k = first; k < last + 1; k += stride) {
      const t = ts[k];
      let model = anchor;
      const nonzero = []; // the gradient's non-zero entries, [index, value]
      for (let i = 0; i < steps; i++) {
        const t0 = params[3 * i];
        const length = params[3 * i + 1];
        const height = params[3 * i + 2];
        const u = (t - t0) / length;
        let shape;
        if (u <= 0.0) {
          shape = 0.0;
        } else if (u >= 1.0) {
          shape = 1.0;
        } else {
          shape = u * u * u * (10.0 - 15.0 * u + 6.0 * u * u);
          const g = (-height * 30.0 * u * u * (1.0 - u) * (1.0 - u)) / length;
          nonzero.push([3 * i, g]); // d y / d start_i
          nonzero.push([3 * i + 1, g * u]); // d y / d length_i
        }
        model += height * (shape - lift);
        if (shape !== lift) nonzero.push([3 * i + 2, shape - lift]); // d y / d size_i
      }
      if (nonzero.length === 0) continue;
      const r = ys[k] - model;
      for (const [a, ga] of nonzero) {
        rhs[a] += ga * r;
        const row = normal[a];
        for (const [b, gb] of nonzero) if (b >= a) row[b] += ga * gb;
      }
    }
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < a; b++) normal[a][b] = normal[b][a];
      normal[a][a] *= 1.0 + FIT_DAMPING;
    }
    const step = solve(normal, rhs);
    if (step === null) break;
    let moved = 0.0;
    const limit = FIT_MAX_STEP_SECONDS;
    for (let i = 0; i < steps; i++) {
      for (const m of [0, 1]) {
        let d = step[3 * i + m];
        d = d < -limit ? -limit : d > limit ? limit : d;
        params[3 * i + m] += d;
        moved = max2(moved, Math.abs(d));
      }
      params[3 * i + 2] += step[3 * i + 2];
      if (params[3 * i + 1] < FIT_MIN_SECONDS) return [start, end];
    }
    if (moved < FIT_TOLERANCE_SECONDS) break;
  }
  let fittedStart = params[0];
  let fittedEnd = params[0] + params[1];
  for (let i = 1; i < steps; i++) {
    if (params[3 * i] < fittedStart) fittedStart = params[3 * i];
    if (params[3 * i] + params[3 * i + 1] > fittedEnd) fittedEnd = params[3 * i] + params[3 * i + 1];
  }
  if (Math.abs(fittedStart - start) > MAX_SHIFT_SECONDS || Math.abs(fittedEnd - end) > MAX_SHIFT_SECONDS) {
    return [start, end];
  }
  return [fittedStart, fittedEnd];
}

/**
 * A whole excursion fitted at once: the rest level, then `moves` ([start, duration,
 * signed size]: the out steps, then the return if seen), each along the minimum-jerk
 * profile, to samples first..last. `joined`: the return starts where the move before
 * it ends (the program holds nothing at the top). Returns [rest, start_1, duration_1,
 * size_1, ...] or null if the fit does not settle.
 */
export function fitExcursion(ts, ys, first, last, rest, moves, iterations = EXCURSION_ITERATIONS,
  joined = false) {
  const params = [rest];
  for (const move of moves) params.push(...move);
  // The tied start and the start and duration of the move before it.
  const tie = joined && moves.length > 1 ? params.length - 3 : 0;
  if (tie) {
    const end = params[tie] + params[tie + 1];
    params[tie + 1] = end - (params[tie - 3] + params[tie - 2]);
    params[tie] = params[tie - 3] + params[tie - 2];
  }
  if (last - first < 6) return null;
  const stride = strideOf(ts, first, last);
  const times = [];
  const values = [];
  for (let k = first; k < last + 1; k += stride) {
    times.push(ts[k]);
    values.push(ys[k]);
  }
  // Running sums: a stretch where nothing moves is added up in closed form.
  const sums = [0.0];
  for (const y of values) sums.push(sums[sums.length - 1] + y);
  const limit = FIT_MAX_STEP_SECONDS;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const [normal, rhs] = normalEquations(times, values, sums, params);
    const step = tie ? solveTied(normal, rhs, tie, [tie - 3, tie - 2]) : solve(normal, rhs);
    if (step === null) return null;
    let moved = 0.0;
    params[0] += step[0];
    for (let at = 1; at < params.length; at += 3) {
      for (const m of [at, at + 1]) {
        let d = step[m];
        d = d < -limit ? -limit : d > limit ? limit : d;
        params[m] += d;
        moved = max2(moved, Math.abs(d));
      }
      params[at + 2] += step[at + 2];
      if (params[at + 1] < FIT_MIN_SECONDS) return null;
    }
    // Capping each step on its own would untie them.
    if (tie) params[tie] = params[tie - 3] + params[tie - 2];
    if (moved < FIT_TOLERANCE_SECONDS) break;
  }
  return params;
}

/** The Gauss-Newton step with parameter `tied` moving by the sum of the `sources`'
 * steps: the normal equations reduced in the remaining parameters, solved, expanded. */
function solveTied(normal, rhs, tied, sources) {
  const rows = normal.map((row) => row.slice());
  const b = rhs.slice();
  const tiedRow = rows[tied];
  for (const s of sources) {
    const row = rows[s];
    for (let j = 0; j < tiedRow.length; j++) row[j] += tiedRow[j];
    b[s] += b[tied];
  }
  for (const row of rows) {
    const v = row[tied];
    for (const s of sources) row[s] += v;
  }
  rows.splice(tied, 1);
  b.splice(tied, 1);
  for (const row of rows) row.splice(tied, 1);
  const step = solve(rows, b);
  if (step === null) return null;
  let moved = 0;
  for (const s of sources) moved += step[s];
  step.splice(tied, 0, moved);
  return step;
}

/** Python's bisect_right / bisect_left on a sorted array. */
function bisectRight(xs, x) {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < xs[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function bisectLeft(xs, x) {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The damped Gauss-Newton normal equations of the excursion model at `params`
 * (y = rest + sum_j size_j * s((t - start_j) / duration_j)). The samples fall into
 * stretches between the movements' ends; where nothing moves the stretch adds up in
 * closed form from its count and sum, elsewhere from local sums (Python's order).
 */
function normalEquations(times, values, sums, params) {
  const size = params.length;
  const count = (size - 1) / 3;
  const begins = [];
  const ends = [];
  for (let j = 0; j < count; j++) {
    const t0 = params[1 + 3 * j];
    begins.push(bisectRight(times, t0));
    ends.push(bisectLeft(times, t0 + params[2 + 3 * j]));
  }
  const cuts = [...new Set([0, times.length, ...begins, ...ends])].sort((a, b) => a - b);
  const normal = Array.from({ length: size }, () => zeros(size));
  const rhs = zeros(size);
  for (let c = 0; c < cuts.length - 1; c++) {
    const k0 = cuts[c];
    const k1 = cuts[c + 1];
    if (k1 <= k0) continue;
    let level = params[0];
    const ones = [0]; // the parameters whose gradient is 1 here
    const moving = []; // the movements under way here
    for (let j = 0; j < count; j++) {
      if (k0 >= ends[j]) {
        level += params[3 + 3 * j];
        ones.push(3 + 3 * j);
      } else if (k0 >= begins[j]) {
        moving.push(j);
      }
    }
    if (moving.length === 0) {
      const n = k1 - k0;
      const r = sums[k1] - sums[k0] - n * level;
      for (const a of ones) {
        rhs[a] += r;
        const row = normal[a];
        for (const b of ones) if (b >= a) row[b] += n;
      }
      continue;
    }
    // Local sums over this stretch; entry 0 is the constant part of the gradient.
    const [local, localRhs] = moving.length === 1
      ? oneMoving(times, values, k0, k1, level, params, 1 + 3 * moving[0])
      : severalMoving(times, values, k0, k1, level, params, moving);
    const width = localRhs.length;
    // Scatter: local entry 0 to every parameter in `ones`, the rest to the movements'.
    const where = [0];
    for (const j of moving) where.push(1 + 3 * j, 2 + 3 * j, 3 + 3 * j);
    for (let a = 0; a < width; a++) {
      const targetsA = a === 0 ? ones : [where[a]];
      for (const ta of targetsA) {
        rhs[ta] += localRhs[a];
        for (let b = a; b < width; b++) {
          const targetsB = b === 0 ? ones : [where[b]];
          for (const tb of targetsB) {
            const lo = ta <= tb ? ta : tb;
            const hi = ta <= tb ? tb : ta;
            if (a === 0 && b === 0 && ta > tb) continue;
            normal[lo][hi] += local[a][b];
          }
        }
      }
    }
  }
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < a; b++) normal[a][b] = normal[b][a];
    normal[a][a] *= 1.0 + FIT_DAMPING;
  }
  return [normal, rhs];
}

/** The local sums of a stretch where one movement (parameters at p) is under way:
 * gradient (1, d/d start, d/d duration, d/d size), as plain sums (the hot path). */
function oneMoving(times, values, k0, k1, level, params, p) {
  const t0 = params[p];
  const length = params[p + 1];
  const height = params[p + 2];
  const inverse = 1.0 / length;
  const slope = -height * 30.0 * inverse;
  let s1 = 0.0, sg = 0.0, sgu = 0.0, ss = 0.0, sgg = 0.0, sggu = 0.0, sgs = 0.0;
  let sgugu = 0.0, sgus = 0.0, sss = 0.0;
  let r1 = 0.0, rg = 0.0, rgu = 0.0, rs = 0.0;
  for (let k = k0; k < k1; k++) {
    const u = (times[k] - t0) * inverse;
    const uu = u * u;
    const shape = uu * u * (10.0 - 15.0 * u + 6.0 * uu);
    const w = 1.0 - u;
    const g = slope * uu * w * w;
    const gu = g * u;
    const r = values[k] - level - height * shape;
    s1 += 1.0;
    sg += g;
    sgu += gu;
    ss += shape;
    sgg += g * g;
    sggu += g * gu;
    sgs += g * shape;
    sgugu += gu * gu;
    sgus += gu * shape;
    sss += shape * shape;
    r1 += r;
    rg += g * r;
    rgu += gu * r;
    rs += shape * r;
  }
  const local = [
    [s1, sg, sgu, ss],
    [0.0, sgg, sggu, sgs],
    [0.0, 0.0, sgugu, sgus],
    [0.0, 0.0, 0.0, sss],
  ];
  return [local, [r1, rg, rgu, rs]];
}

/** The local sums (upper triangle) of a stretch where several movements overlap. */
function severalMoving(times, values, k0, k1, level, params, moving) {
  // One column per gradient entry, then their dot products.
  const columns = [new Array(k1 - k0).fill(1.0)];
  const residual = [];
  for (let k = k0; k < k1; k++) residual.push(values[k] - level);
  for (const j of moving) {
    const p = 1 + 3 * j;
    const t0 = params[p];
    const length = params[p + 1];
    const height = params[p + 2];
    const inverse = 1.0 / length;
    const slope = -height * 30.0 * inverse;
    const starts = [];
    const durations = [];
    const shapes = [];
    for (let k = k0; k < k1; k++) {
      const u = (times[k] - t0) * inverse;
      const uu = u * u;
      const shape = uu * u * (10.0 - 15.0 * u + 6.0 * uu);
      const w = 1.0 - u;
      const g = slope * uu * w * w;
      starts.push(g); // d y / d start_j
      durations.push(g * u); // d y / d duration_j
      shapes.push(shape); // d y / d size_j
      residual[k - k0] -= height * shape;
    }
    columns.push(starts, durations, shapes);
  }
  const width = columns.length;
  const local = Array.from({ length: width }, () => zeros(width));
  const localRhs = zeros(width);
  for (let a = 0; a < width; a++) {
    const column = columns[a];
    localRhs[a] = dot(column, residual);
    for (let b = a; b < width; b++) local[a][b] = dot(column, columns[b]);
  }
  return [local, localRhs];
}

/** Sum of products, left to right (Python's sum(map(mul, xs, ys))). */
function dot(xs, ys) {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i] * ys[i];
  return total;
}
