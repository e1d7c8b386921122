// What the analysis reports: repetitions and coded events (mirrors backcoach/motion/events.py).
// Event codes are stable: the page translates by code, using `values` for the numbers.
import { round } from "./py.js";

export const EVENT_CODES = [
  "rep_counted",
  "rep_completed",
  "too_fast",
  "hold_short",
  "partial_rep",
  "tracking_lost",
  "tracking_resumed",
];

/** Something the coach can say, at a time in seconds (Python's Event.to_dict()). */
export function event(code, time, values = {}) {
  return { code, time, values };
}

/** One repetition, with the fields of Python's Repetition.to_dict(), in its order (a
 * phase not measured is null). */
export function repetition(index, start, end, outSeconds, holdSeconds, backSeconds, peakTime,
  range, side, complete) {
  return {
    index,
    start,
    end,
    out_seconds: outSeconds,
    hold_seconds: holdSeconds,
    back_seconds: backSeconds,
    peak_time: peakTime,
    range,
    side,
    complete,
  };
}

/** Repetition.duration */
export function duration(rep) {
  return rep.end - rep.start;
}

/** "too fast" for each movement under the minimum, "hold short" for a short hold; nothing
 * about a phase not measured (null): it was not seen, so it was neither fast nor short. */
export function tempoFeedback(rep, now, config) {
  const events = [];
  if (config.min_move_seconds !== null) {
    for (const [phase, seconds] of [["out", rep.out_seconds], ["back", rep.back_seconds]]) {
      if (seconds === null || (phase === "back" && !rep.complete)) continue;
      if (seconds < config.min_move_seconds) {
        const values = { phase };
        values.seconds = round(seconds, 2);
        values.minimum = config.min_move_seconds;
        events.push(event("too_fast", now, values));
      }
    }
  }
  const target = config.hold_seconds;
  const held = rep.hold_seconds;
  if (target !== null && held !== null && held < target - config.hold_tolerance_seconds) {
    events.push(event("hold_short", now, { held: round(held, 2), target }));
  }
  return events;
}
