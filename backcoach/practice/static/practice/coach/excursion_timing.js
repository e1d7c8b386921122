// When an excursion's movements start and end: out, hold, back (mirrors
// backcoach/motion/excursion_timing.py). A zero-phase smoothed copy of the trace gives
// rough 15 % / 85 % crossings; the minimum-jerk fit then places each movement against
// the raw samples. The hold is what lies between. A phase whose start or end is not in
// the samples is not measured (null), not clamped to 0.
import {
  FIT_ITERATIONS, MAX_SHIFT_SECONDS, fitExcursion, fitMovement,
} from "./minimum_jerk_fit.js";
import { max2, min2, sum } from "./py.js";
import {
  EDGE_LEVEL, centredMean, cross, inSamples, indexAfter, meanBetween, reach,
} from "./trace.js";

export const PLATEAU_LEVEL = 0.9; // of the smoothed peak: samples that make the top's level
export const TIMING_HALF_WINDOW = 0.1; // seconds either side: zero-phase smoothing before timing
export const ROUGH_FIT_ITERATIONS = 1; // the first pass only needs the movement roughly
export const FIT_MARGIN_SECONDS = 0.7; // rest or plateau either side of a movement in its fit
export const QUIET_SHARE = 0.3; // of the low crossing level: a multi-step first guess begins
export const LEVEL_SECONDS = 0.15; // either side: a step's first guess of its level
export const MIN_SHARE = 0.1; // of the plateau: no step's first guess is smaller
export const FIT_REST_SECONDS = 3.0; // rest before the first guess in the fit

/**
 * Start, end of out, start of back and end of the excursion just finished, in that
 * order (never before the previous repetition's end, never after the last sample),
 * with each phase's seconds or null where one of its ends is not in the samples
 * (Python's ExcursionTimes, whose docstring says which): {start, outEnd, backStart,
 * end, outSeconds, holdSeconds, backSeconds}.
 * `trace`: {times, values (median-cleaned), base, peakTime, peakSign, since}.
 */
export function excursionTimes(trace, config, complete) {
  trace = since(trace);
  const ts = trace.times;
  // An oscillation's crossings are fitted movement by movement (its whole-excursion
  // fit below is skipped).
  const rough = movementTimes(trace, config, trace.base, trace.base, complete, config.oscillating);
  let times = [rough.start, rough.outEnd, rough.backStart, rough.end];
  let startSeen = rough.startSeen;
  const fitted = config.oscillating ? null : fit(trace, config, rough, complete);
  if (fitted !== null) {
    times = fitted;
    startSeen = true; // the fit's own start, checked below
  }
  let [start, outEnd, backStart, end] = times;
  const gap = config.max_gap_seconds;
  startSeen = startSeen && inSamples(ts, start, gap);
  const outEndSeen = rough.outEndSeen && inSamples(ts, outEnd, gap);
  // The return cannot begin before the excursion did: a fit that puts it there has not seen it.
  const backStartSeen = complete && backStart >= start && inSamples(ts, backStart, gap);
  const endSeen = complete && (end >= ts[ts.length - 1] || inSamples(ts, end, gap));
  // An unseen time must not move a seen one (`ordered` splits an overlap evenly).
  if (!outEndSeen) outEnd = min2(outEnd, backStart);
  if (!backStartSeen) backStart = max2(backStart, outEnd);
  [start, outEnd, backStart, end] = ordered(start, outEnd, backStart, end, ts, complete);
  return {
    start,
    outEnd,
    backStart,
    end,
    outSeconds: startSeen && outEndSeen ? outEnd - start : null,
    holdSeconds: outEndSeen && backStartSeen ? backStart - outEnd : null,
    backSeconds: backStartSeen && endSeen ? end - backStart : null,
  };
}

/** The trace without the samples before the previous repetition's end. */
function since(trace) {
  const ts = trace.times;
  if (ts.length === 0 || ts[0] >= trace.since || trace.peakTime <= trace.since) return trace;
  const k = indexAfter(ts, trace.since);
  return { ...trace, times: ts.slice(k), values: trace.values.slice(k) };
}

/** The four times clamped into order within the samples: no phase lasts less than 0. */
function ordered(start, outEnd, backStart, end, ts, complete) {
  const last = ts[ts.length - 1];
  if (!complete) {
    backStart = end = last;
  } else if (backStart < outEnd) {
    backStart = outEnd = 0.5 * (backStart + outEnd);
  }
  start = min2(max2(start, ts[0]), last);
  end = min2(max2(end, start), last);
  outEnd = min2(max2(outEnd, start), end);
  backStart = min2(max2(backStart, outEnd), end);
  return [start, outEnd, backStart, end];
}

/** The whole excursion fitted at once (`fitExcursion`) from the rough guess; null (the
 * rough times stand) if the fit does not settle or moves an end by more than MAX_SHIFT_SECONDS. */
function fit(trace, config, rough, complete) {
  const ts = trace.times;
  const sign = trace.peakSign;
  const base = trace.base;
  let raw = trace.values.map((d) => sign * (d - base));
  if (config.rotation_degrees !== null) raw = unbent(raw, rough.top, config.rotation_degrees);
  const steps = config.out_steps;
  const first = indexAfter(ts, rough.start - FIT_REST_SECONDS);
  const begin = rough.start;
  const each = (rough.outEnd - begin) / steps;
  // Each step's first size: how far the trace moved in its share of the time.
  const moves = [];
  let level = 0.0;
  for (let i = 0; i < steps; i++) {
    const t = begin + (i + 1) * each;
    const reached = i === steps - 1 ? rough.top : levelAt(ts, raw, t, level);
    moves.push([begin + i * each, each, max2(reached - level, MIN_SHARE * rough.top)]);
    level = reached;
  }
  if (complete) moves.push([rough.backStart, rough.end - rough.backStart, rough.after - rough.top]);
  const rest = meanBetween(ts, raw, ts[first], rough.start - 0.05);
  const guess = [rough.start, rough.outEnd, rough.backStart, rough.end];
  let shortest = moves[0][1];
  for (const move of moves) shortest = min2(shortest, move[1]);
  if (shortest <= 0.0) return null;
  const joined = complete && config.return_follows_out;
  const restLevel = rest === null ? 0.0 : rest;
  const params = fitExcursion(ts, raw, first, rough.last, restLevel, moves, undefined, joined);
  if (params === null) return null;
  let fittedStart = params[1];
  let fittedEnd = params[1] + params[2];
  for (let j = 1; j < steps; j++) {
    fittedStart = min2(fittedStart, params[1 + 3 * j]);
    fittedEnd = max2(fittedEnd, params[1 + 3 * j] + params[2 + 3 * j]);
  }
  const fitted = [fittedStart, fittedEnd, rough.backStart, rough.end];
  if (complete) {
    fitted[2] = params[1 + 3 * steps];
    fitted[3] = fitted[2] + params[2 + 3 * steps];
  }
  for (let i = 0; i < 4; i++) if (Math.abs(fitted[i] - guess[i]) > MAX_SHIFT_SECONDS) return null;
  return fitted;
}

/** The trace as the rotation's angle (scaled so that rest and `top` stay put) where the
 * measure is the sine of a rotation through `degrees` from square to the camera. */
function unbent(values, top, degrees) {
  if (top <= 0.0) return values;
  const angle = degrees * (Math.PI / 180.0); // Python's math.radians
  const scale = Math.sin(angle) / top;
  const back = top / angle;
  return values.map((v) => {
    let x = v * scale;
    x = x < -1.0 ? -1.0 : x > 1.0 ? 1.0 : x;
    return back * Math.asin(x);
  });
}

/** The trace's mean level around time t. */
function levelAt(ts, ys, t, otherwise) {
  const level = meanBetween(ts, ys, t - LEVEL_SECONDS, t + LEVEL_SECONDS);
  return level === null ? otherwise : level;
}

/** Start, end of out, start of back and end, against rest levels `base` (before) and
 * `final` (after), from crossings of a zero-phase smoothed copy, fitted when `fitted`. */
function movementTimes(trace, config, base, final, complete, fitted) {
  const ts = trace.times;
  const ds = trace.values;
  const sign = trace.peakSign;
  // Oscillating: both sides of rest count as "out".
  const raw = config.oscillating
    ? ds.map((d) => Math.abs(d - base))
    : ds.map((d) => sign * (d - base));
  // Noisy measures (long low-pass) need a wider window to find their crossings.
  const half = max2(TIMING_HALF_WINDOW, config.smoothing_seconds);
  const a = centredMean(ts, raw, half);
  const n = a.length;
  let peak = ts.indexOf(trace.peakTime);
  // The top: the highest smoothed sample around the raw peak.
  for (let k = 0; k < n; k++) {
    if (a[k] > a[peak] && Math.abs(ts[k] - trace.peakTime) < 2.0) peak = k;
  }
  // The plateau's level, not its noisiest sample: the mean of the samples near the top.
  const nearTop = [];
  for (let k = 0; k < n; k++) if (a[k] >= PLATEAU_LEVEL * a[peak]) nearTop.push(raw[k]);
  const top = sum(nearTop) / nearTop.length;
  let low = EDGE_LEVEL * top;
  let high = (1.0 - EDGE_LEVEL) * top;
  // Out: the last rise through `low` before the peak, then its first pass of `high`.
  let rise = peak;
  while (rise > 0 && a[rise] > low) rise -= 1;
  let up = rise + 1;
  while (up < peak && a[up] < high) up += 1;
  // A trace that begins over `high` (on the plateau) never showed the end of "out".
  const outEndSeen = a[rise] < high;
  let start = cross(ts, a, rise, low) - reach(ts, a, rise, top);
  let outEnd = cross(ts, a, up - 1, high) + reach(ts, a, up - 1, top);
  let stop = indexAfter(ts, outEnd + FIT_MARGIN_SECONDS);
  if (!complete) {
    stop = n - 1;
  } else {
    let fall = peak;
    while (fall < n - 1 && a[fall] > high) fall += 1;
    stop = min2(stop, fall);
  }
  const steps = config.out_steps;
  if (steps > 1) {
    // An earlier step may stay under `low` (the bridge's pelvic tilt): begin the first
    // guess where the trace last left the rest band before the rise.
    let quiet = rise;
    while (quiet > 0 && a[quiet] > QUIET_SHARE * low) quiet -= 1;
    start = min2(start, ts[quiet]);
  }
  let first = indexAfter(ts, start - FIT_MARGIN_SECONDS);
  if (fitted || steps > 1) {
    [start, outEnd] = fitMovement(ts, raw, first, stop, 0.0, top, start, outEnd, true, steps,
      fitted ? FIT_ITERATIONS : ROUGH_FIT_ITERATIONS);
  }
  const startSeen = start >= ts[0]; // `start` was not before the first sample (clamped there)
  start = max2(start, ts[0]);
  if (!complete) {
    outEnd = max2(outEnd, start);
    return {
      start, outEnd, backStart: ts[n - 1], end: ts[n - 1], top, after: top, last: n - 1,
      startSeen, outEndSeen,
    };
  }
  // Back: from the top down to the final rest level.
  const shift = !config.oscillating ? sign * (final - base) : 0.0;
  low = shift + EDGE_LEVEL * (top - shift);
  high = shift + (1.0 - EDGE_LEVEL) * (top - shift);
  let fall = peak;
  while (fall < n - 1 && a[fall] > low) fall += 1;
  let down = fall;
  while (down > peak && a[down] < high) down -= 1;
  let backStart = cross(ts, a, down, high) - reach(ts, a, down, top - shift);
  let end = cross(ts, a, fall - 1, low) + reach(ts, a, fall - 1, top - shift);
  first = max2(indexAfter(ts, backStart - FIT_MARGIN_SECONDS), up);
  stop = indexAfter(ts, end + FIT_MARGIN_SECONDS);
  if (fitted) {
    const back = fitMovement(ts, raw, first, stop, top, shift, backStart, end, false);
    // A return fitted to begin before the excursion did was not found: the crossings stand.
    if (back[0] >= start) [backStart, end] = back;
  }
  end = min2(end, ts[ts.length - 1]);
  // The next excursion may have begun before the trace ends: leave it out.
  let last = fall;
  while (last < n - 1 && a[last + 1] <= low) last += 1;
  last = min2(last, stop);
  end = max2(end, backStart);
  return { start, outEnd, backStart, end, top, after: shift, last, startSeen, outEndSeen };
}
