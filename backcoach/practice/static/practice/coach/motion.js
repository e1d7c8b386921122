// The motion core in the browser: landmark frames in, repetitions and coded events out.
// It mirrors backcoach/motion/analyzer.py (MotionAnalyzer.push / finish) and is kept
// equal to it by the shared test vectors (backcoach/motion/testvectors, run by
// tests/motion/coach_vectors.test.mjs); see docs/motion.md, "The browser port".
// No DOM use and no dependencies, so it runs in a Web Worker beside pose estimation.
//
//   import { createAnalyzer, trackerConfig } from this module (motion.js);
//   const analyzer = createAnalyzer(exercise.motion, trackerConfig(exercise.motion, tempo));
//   for each camera frame: analyzer.push(seconds, poseLandmarks or null) -> events
//   at the end: analyzer.finish() -> {count, repetitions, events}
import { ExcursionTracker } from "./excursion.js";
import { pointIndices, FrameMeasure } from "./measure.js";
import { RepetitionTracker, trackerConfigFrom } from "./tracker.js";

export { EVENT_CODES } from "./events.js";
export { LANDMARK_NAMES } from "./landmarks.js";
export { TRACKER_DEFAULTS } from "./tracker.js";

/** MotionSignal's fields with their defaults (the program's `motion:` block; null: required). */
export const SIGNAL_DEFAULTS = Object.freeze({
  kind: null,
  points: null,
  axis: null,
  plane: "3d",
  direction: 1,
  bidirectional: false,
  neutral: 0.0,
  sides: Object.freeze(["left", "right"]),
  oscillating: false,
  counting: "excursion",
  expected_range: null,
  noise_floor: null,
  smoothing_seconds: null,
  out_steps: 1,
  rotation_degrees: null,
  phase_ids: Object.freeze({ out: "out", hold: null, back: "back" }),
  camera: null,
});

/** Points each signal kind needs (signal.py's POINT_COUNT). */
export const POINT_COUNT = Object.freeze({
  angle: 3,
  inclination: 2,
  distance: 4,
  offset: 4,
  length_difference: 4,
  displacement: 4,
  coordinate: 1,
});

/** The tempo a program asks for (analyzer.py's Tempo): the default asks nothing of it. */
export const TEMPO_DEFAULTS = Object.freeze({ min_move_seconds: null, hold_seconds: null, pauses: true });

/** A motion signal with its defaults filled in, or an error naming what is wrong
 * (the server validated the program; this catches a page passing the wrong object). */
export function motionSignal(fields) {
  if (fields === null || typeof fields !== "object") throw new TypeError("the motion signal must be an object");
  for (const name of Object.keys(fields)) {
    if (!(name in SIGNAL_DEFAULTS)) throw new TypeError(`unknown motion signal field ${JSON.stringify(name)}`);
  }
  const signal = { ...SIGNAL_DEFAULTS, ...fields };
  if (!(signal.kind in POINT_COUNT)) throw new RangeError(`unknown motion signal kind ${JSON.stringify(signal.kind)}`);
  if (!Array.isArray(signal.points) || signal.points.length !== POINT_COUNT[signal.kind]) {
    throw new RangeError(`kind ${JSON.stringify(signal.kind)} needs ${POINT_COUNT[signal.kind]} points`);
  }
  pointIndices(signal); // throws on an unknown landmark, listing the valid names
  for (const name of ["expected_range", "noise_floor"]) {
    if (!(typeof signal[name] === "number" && signal[name] > 0)) {
      throw new RangeError(`motion signal ${name} must be a number above 0, got ${signal[name]}`);
    }
  }
  if (signal.direction !== 1 && signal.direction !== -1) throw new RangeError("motion signal direction must be 1 or -1");
  return Object.freeze(signal);
}

/** The tracker settings for one exercise's signal and tempo (analyzer.py's tracker_config). */
export function trackerConfig(signalFields, tempoFields = null) {
  const signal = motionSignal(signalFields);
  const tempo = { ...TEMPO_DEFAULTS, ...(tempoFields || {}) };
  const extra = signal.smoothing_seconds === null ? {} : { smoothing_seconds: signal.smoothing_seconds };
  return trackerConfigFrom({
    ...extra,
    noise_floor: signal.noise_floor,
    expected_range: signal.expected_range,
    bidirectional: signal.bidirectional,
    oscillating: signal.oscillating,
    mode: signal.counting,
    neutral: signal.neutral === null ? null : signal.neutral * signal.direction,
    sides: signal.direction === 1 ? signal.sides : [...signal.sides].reverse(),
    min_move_seconds: tempo.min_move_seconds,
    hold_seconds: tempo.hold_seconds,
    out_steps: signal.out_steps,
    rotation_degrees: signal.rotation_degrees,
    return_follows_out: !tempo.pauses,
  });
}

/** The tracker for a config's mode (excursion or zigzag), fed measures: push(t, value
 * or null) -> events, finish() -> events, with `repetitions` and `count`. */
export function createTracker(config) {
  const settings = trackerConfigFrom(config);
  return settings.mode === "zigzag" ? new RepetitionTracker(settings) : new ExcursionTracker(settings);
}

/**
 * Streaming analysis of one exercise's set. `config`: TrackerConfig fields (as
 * `trackerConfig` gives, or a test vector's `tracker`); null for the signal's own with
 * no tempo. `aspectRatio`: image width / height (y is divided by it before measuring).
 */
export function createAnalyzer(signalFields, config = null, { aspectRatio = 1.0, minVisibility = 0.5 } = {}) {
  const signal = motionSignal(signalFields);
  if (!(typeof aspectRatio === "number" && aspectRatio > 0 && Number.isFinite(aspectRatio))) {
    throw new RangeError(`aspectRatio (image width / height) must be a number above 0, got ${aspectRatio}`);
  }
  if (!(typeof minVisibility === "number" && minVisibility >= 0 && minVisibility <= 1)) {
    throw new RangeError(`minVisibility must be a number from 0 to 1, got ${minVisibility}`);
  }
  const tracker = createTracker(config === null ? trackerConfig(signal) : config);
  const settings = tracker.config;
  const frameMeasure = new FrameMeasure(signal, aspectRatio, minVisibility);
  const events = [];

  /** The measure of one frame (33 landmarks), or null when it cannot be measured. */
  function measure(landmarks) {
    return landmarks === null || landmarks === undefined ? null : frameMeasure.measure(landmarks);
  }

  /** Feeds an already computed measure (null: not seen); returns the new events. */
  function pushMeasure(time, value) {
    if (typeof time !== "number" || !Number.isFinite(time)) {
      throw new TypeError(`a frame time must be a finite number of seconds, got ${time}`);
    }
    const found = tracker.push(time, value);
    events.push(...found);
    return found;
  }

  return {
    config: settings,
    measure,
    pushMeasure,
    /** Analyses one frame at `time` seconds: 33 landmarks, or null when no person was found. */
    push(time, landmarks) {
      return pushMeasure(time, measure(landmarks));
    },
    /** How many repetitions have been counted so far. */
    get count() {
      return tracker.count;
    },
    /** The repetitions completed so far (each as Python's Repetition.to_dict()). */
    get repetitions() {
      return tracker.repetitions.slice();
    },
    /** Away from rest and held out, for the player's hold countdown (null: not known). */
    get live() {
      return typeof tracker.live === "function" ? tracker.live() : null;
    },
    /** Closes the set: a repetition in progress is ended; everything found is returned. */
    finish() {
      events.push(...tracker.finish());
      return { count: tracker.repetitions.length, repetitions: tracker.repetitions.slice(), events: events.slice() };
    },
  };
}
