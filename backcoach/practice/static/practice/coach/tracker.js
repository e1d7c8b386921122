// The tracker settings and the zigzag repetition tracker (mirrors
// backcoach/motion/tracker.py): a 5-sample running median and a low-pass, then peaks
// with hysteresis relative to the person's own swings (generic mode, RepCount).
import { event, repetition, duration, tempoFeedback } from "./events.js";
import { max2, min2, round, upperMedian } from "./py.js";
import { Sight } from "./sight.js";
import { MedianLowPass } from "./smoothing.js";

// u where the minimum-jerk profile 10u^3 - 15u^4 + 6u^5 reaches 0.2 (and 1 - u: 0.8).
export const MINJERK_U20 = 0.32659793784141106;
export const EDGE_SCALE = 1.0 / (1.0 - 2.0 * MINJERK_U20);

/** Every TrackerConfig field with Python's default (noise_floor has none: required).
 * tests/motion/test_coach_drift.py checks these against the Python dataclass. */
export const TRACKER_DEFAULTS = Object.freeze({
  noise_floor: undefined,
  expected_range: null,
  mode: "excursion",
  bidirectional: false,
  oscillating: false,
  neutral: 0.0,
  calibration_seconds: 1.0,
  sides: Object.freeze(["left", "right"]),
  median_samples: 5,
  smoothing_seconds: 0.2,
  reversal_fraction: 0.5,
  min_swing_fraction: 0.6,
  reference_decay: 0.85,
  max_gap_seconds: 1.0,
  min_move_seconds: null,
  hold_seconds: null,
  hold_tolerance_seconds: 0.5,
  out_steps: 1,
  rotation_degrees: null,
  return_follows_out: false,
});

/** A full, frozen config from `fields` (snake_case, as the Python dataclass and the test
 * vectors' `tracker`), with the defaults filled in; unknown or missing fields throw. */
export function trackerConfigFrom(fields) {
  if (fields === null || typeof fields !== "object") {
    throw new TypeError("the tracker config must be an object of TrackerConfig fields");
  }
  for (const name of Object.keys(fields)) {
    if (!(name in TRACKER_DEFAULTS)) {
      throw new TypeError(`unknown tracker config field ${JSON.stringify(name)}; expected one of: `
        + Object.keys(TRACKER_DEFAULTS).join(", "));
    }
  }
  const config = { ...TRACKER_DEFAULTS, ...fields };
  if (!(typeof config.noise_floor === "number" && config.noise_floor > 0)) {
    throw new RangeError(`tracker config noise_floor must be a number above 0, got ${config.noise_floor}`);
  }
  if (config.mode !== "excursion" && config.mode !== "zigzag") {
    throw new RangeError(`tracker config mode must be "excursion" or "zigzag", got ${JSON.stringify(config.mode)}`);
  }
  for (const name of ["smoothing_seconds", "max_gap_seconds", "median_samples", "out_steps"]) {
    if (!(typeof config[name] === "number" && config[name] > 0)) {
      throw new RangeError(`tracker config ${name} must be a number above 0, got ${config[name]}`);
    }
  }
  config.sides = Object.freeze([...config.sides]);
  return Object.freeze(config);
}

/** The zigzag tracker: feed (time, measure) pairs; get events as repetitions happen. */
export class RepetitionTracker {
  constructor(config) {
    this.config = config;
    this.repetitions = [];
    this.count = 0;
    this._filter = new MedianLowPass(config.median_samples, config.smoothing_seconds);
    this._sight = new Sight(config.max_gap_seconds);
    this._prev = null; // last [t, y] of the cleaned measure
    this._direction = 0; // +1 rising from a valley, -1 falling from a peak, 0 unknown
    this._hi = 0.0;
    this._hiT = 0.0;
    this._hiSide = 1.0;
    this._lo = 0.0;
    this._loT = 0.0;
    this._reference = config.expected_range !== null ? config.expected_range : null;
    this._traceT = [];
    this._traceY = [];
    this._pending = null;
    this._neutral = config.neutral;
    this._calibration = [];
    this._calibrationStart = null;
  }

  /** Takes one sample (value null or NaN when the person is not seen); returns events. */
  push(t, value) {
    const events = [];
    const seen = value !== null && value === value; // NaN is not equal to itself
    const [lostNow] = this._sight.push(t, seen, events);
    if (lostNow) this._loseTrack(t, events);
    if (!seen) return events;
    if (this._neutral === null && this._calibrating(t, value)) return events;
    this._step(t, this._clean(t, value), events);
    return events;
  }

  /** End of the recording: close a repetition still in progress. */
  finish() {
    const events = [];
    if (this._pending !== null && this._prev !== null) {
      this._complete(this._prev[0], this._prev[0], false, events);
    }
    return events;
  }

  /** Collects the start position's values until the neutral is known. */
  _calibrating(t, value) {
    if (this._calibrationStart === null) this._calibrationStart = t;
    if (t - this._calibrationStart < this.config.calibration_seconds) {
      this._calibration.push(value);
      return true;
    }
    this._neutral = upperMedian(this._calibration.length ? this._calibration : [value]);
    return false;
  }

  _clean(t, value) {
    const prevT = this._prev !== null ? this._prev[0] : null;
    const smooth = this._filter.push(t, value, prevT);
    const signed = smooth - (this._neutral || 0.0);
    if (this.config.bidirectional) return signed >= 0.0 ? signed : -signed;
    return smooth;
  }

  _step(t, y, events) {
    const cfg = this.config;
    const prev = this._prev;
    this._prev = [t, y];
    if (prev === null) {
      this._hi = this._lo = y;
      this._hiT = this._loT = t;
      this._traceT = [t];
      this._traceY = [y];
      return;
    }
    const reference = this._reference;
    let threshold = cfg.noise_floor;
    if (reference !== null && cfg.reversal_fraction * reference > threshold) {
      threshold = cfg.reversal_fraction * reference;
    }
    if (this._pending !== null) this._watchReturn(prev, t, y, events);
    if (this._direction >= 0) {
      this._traceT.push(t);
      this._traceY.push(y);
      if (y > this._hi) {
        this._hi = y;
        this._hiT = t;
        if (cfg.bidirectional) {
          const neutral = this._neutral || 0.0;
          this._hiSide = (this._filter.value || 0.0) >= neutral ? 1.0 : -1.0;
        }
      }
      if (this._hi - y > threshold) this._peakConfirmed(t, events);
    }
    if (this._direction <= 0) {
      if (y < this._lo) {
        this._lo = y;
        this._loT = t;
        this._traceT = [t];
        this._traceY = [y];
      } else if (this._direction < 0) {
        this._traceT.push(t);
        this._traceY.push(y);
      }
      if (y - this._lo > threshold) this._valleyConfirmed(t, y, events);
    }
  }

  /** A new kind of movement begins: the next half-swing sets the reference afresh. */
  forgetReference() {
    this._reference = this.config.expected_range;
  }

  _updateReference(swing) {
    const ref = this._reference;
    const decayed = ref !== null ? ref * this.config.reference_decay : 0.0;
    this._reference = swing > decayed ? swing : decayed;
  }

  _peakConfirmed(t, events) {
    const cfg = this.config;
    const swing = this._hi - this._lo;
    if (this._direction === 1) {
      const ref = this._reference;
      if (ref === null || swing >= cfg.min_swing_fraction * ref) {
        this._count(swing, events, t);
      } else {
        events.push(event("partial_rep", t, { fraction: round(swing / ref, 3) }));
      }
      this._updateReference(swing);
    }
    this._direction = -1;
    this._lo = this._prev[1];
    this._loT = t;
  }

  _valleyConfirmed(t, y, events) {
    if (this._pending !== null) this._complete(this._loT, t, false, events); // came back up early
    if (this._direction === -1) this._updateReference(this._hi - this._lo);
    this._direction = 1;
    this._hi = y;
    this._hiT = t;
  }

  _count(swing, events, t) {
    if (this._pending !== null) this._complete(this._loT, this._loT, false, events); // never came down
    const low = this._lo;
    const peakIndex = this._traceT.indexOf(this._hiT);
    const t20 = this._crossingBefore(peakIndex, low + 0.2 * swing);
    const t80 = this._crossingBefore(peakIndex, low + 0.8 * swing);
    const width = (t80 - t20) * EDGE_SCALE;
    this.count += 1;
    let side = null;
    if (this.config.bidirectional) {
      side = this._hiSide > 0 ? this.config.sides[1] : this.config.sides[0];
    }
    this._pending = {
      index: this.count,
      start: max2(this._loT, t20 - MINJERK_U20 * width),
      outEnd: min2(this._hiT, t80 + MINJERK_U20 * width),
      peakTime: this._hiT,
      low,
      swing,
      side,
      t80: null,
    };
    const values = { count: this.count };
    if (side !== null) values.side = side;
    events.push(event("rep_counted", t, values));
    // The fall since the peak is in the trace; replay it for the return crossings.
    let prev = [this._hiT, this._hi];
    for (let i = peakIndex + 1; i < this._traceT.length; i++) {
      const point = [this._traceT[i], this._traceY[i]];
      if (this._pending === null) break;
      this._watchReturn(prev, point[0], point[1], events);
      prev = point;
    }
  }

  _crossingBefore(end, level) {
    const ts = this._traceT;
    const ys = this._traceY;
    for (let i = end - 1; i >= 0; i--) {
      if (ys[i] < level) {
        const y0 = ys[i];
        const y1 = ys[i + 1];
        return ts[i] + ((level - y0) / (y1 - y0)) * (ts[i + 1] - ts[i]);
      }
    }
    return ts[0];
  }

  _watchReturn(prev, t, y, events) {
    const pending = this._pending;
    for (const fraction of [0.8, 0.2]) {
      if (fraction === 0.8 && pending.t80 !== null) continue;
      const level = pending.low + fraction * pending.swing;
      if (!(y < level)) return;
      const [t0, y0] = prev;
      const crossing = y0 > level ? t0 + ((y0 - level) / (y0 - y)) * (t - t0) : t0;
      if (fraction === 0.8) pending.t80 = crossing;
      else this._complete(crossing, t, true, events);
    }
  }

  _complete(t20, now, complete, events) {
    const pending = this._pending;
    this._pending = null;
    let t80 = pending.t80 !== null ? pending.t80 : pending.peakTime;
    if (t80 > t20) t80 = t20;
    const width = (t20 - t80) * EDGE_SCALE;
    const backStart = max2(pending.peakTime, t80 - MINJERK_U20 * width);
    const end = complete ? t20 + MINJERK_U20 * width : t20;
    const holdStart = max2(pending.outEnd, pending.start);
    const rep = repetition(pending.index, pending.start, end, pending.outEnd - pending.start,
      max2(0.0, backStart - holdStart), end - backStart, pending.peakTime, pending.swing,
      pending.side, complete);
    this.repetitions.push(rep);
    events.push(event("rep_completed", now, { index: rep.index, duration: duration(rep) }));
    events.push(...tempoFeedback(rep, now, this.config));
  }

  _loseTrack(t, events) {
    if (this._pending !== null && this._prev !== null) this._complete(this._prev[0], t, false, events);
    // Start afresh: the person may come back in another place or posture.
    this._filter.clear();
    this._prev = null;
    this._direction = 0;
  }
}
