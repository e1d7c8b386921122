// Repetitions as excursions from a rest position, causal and streaming (mirrors
// backcoach/motion/excursion.py; read that file's docstrings for the reasons).
// A repetition leaves the learnt rest level and comes back; levels are fractions of a
// reference amplitude, never below the noise floor; a settled repetition stays open
// TAIL_SECONDS so the end of its return is seen, then excursion_timing times it.
import { event, duration, repetition, tempoFeedback } from "./events.js";
import { excursionTimes } from "./excursion_timing.js";
import { max2, min2, round } from "./py.js";
import { Sight } from "./sight.js";
import { MedianLowPass } from "./smoothing.js";
import { STILL_SECONDS, StillWindow } from "./stillness.js";

export const COUNT_LEVEL = 0.4; // reaching it counts the repetition
export const LEAVE_LEVEL = 0.2; // beyond it the person has left the rest position
export const PARTIAL_LEVEL = 0.3; // between this and COUNT_LEVEL: partial repetitions
export const SETTLE_SPEED = 0.1; // of the repetition's peak speed: slower near rest is "back"
export const SETTLE_SECONDS = 0.6; // or this long near rest, whatever the speed
export const TAIL_SECONDS = 1.0; // a settled repetition is kept open this long
export const ONE_SIDED_SECONDS = 3.0; // oscillating: back at rest this long after one side
export const REFERENCE_WEIGHT = 0.3; // each counted repetition's share in the next reference
export const NEUTRAL_SECONDS = 2.0; // time constant of the rest level while still
export const BASE_SECONDS = 10.0; // the same for timing's rest level
export const HISTORY_SECONDS = 8.0; // rest samples kept before an excursion, for its timing
export const FIRST_STILL_EXTRA_SECONDS = 0.7; // the first rest level needs this much longer
export const KEEP_STATE_SECONDS = 5.0; // unseen at most this long: same place, same repetition
export const REANCHOR_SECONDS = 8.0; // still this long away from rest, uncounted: a new rest
export const FIRST_REST_SECONDS = 1.5; // the same before the first repetition (setting up)
export const DRIFT_NOISE = 0.4; // of the noise floor: the rest level follows at least this close
export const SETTLED_REST_WEIGHT = 0.5; // oscillating: a settled tail corrects the rest level

export class ExcursionTracker {
  constructor(config) {
    this.config = config;
    this.repetitions = [];
    this.count = 0;
    this._filter = new MedianLowPass(config.median_samples, config.smoothing_seconds);
    this._sight = new Sight(config.max_gap_seconds);
    this._prevT = null;
    this._prevY = 0.0;
    this._speed = 0.0;
    this._neutral = null;
    this._active = false; // away from rest
    this._counted = false;
    this._peak = 0.0; // largest |deviation| in this excursion
    this._peakT = 0.0;
    this._peakSign = 1.0;
    this._peakSpeed = 0.0;
    this._sidePeaks = [0.0, 0.0];
    this._closing = null; // when a counted repetition settled (tail being watched)
    this._firstSide = 0; // oscillating: the side (+1/-1) reached first in this repetition
    this._nearSince = null;
    this._traceT = [];
    this._traceD = []; // the measure itself, unsmoothed
    this._base = 0.0; // timing's rest level when this excursion began
    this._rest = 0.0; // timing's rest level, following the neutral slowly
    this._stillSince = null;
    this._stillLevel = 0.0; // the still mean when `_stillSince` began
    this._stillWindow = new StillWindow();
    this._levelsFor = NaN;
    this._levelValues = [0.0, 0.0, 0.0];
    this._reference = config.expected_range ? config.expected_range : config.noise_floor * 4.0;
    this._sideRefs = [this._reference, this._reference]; // oscillating
  }

  /** Takes one sample (value null or NaN when the person is not seen); returns events. */
  push(t, value) {
    const events = [];
    const seen = value !== null && value === value; // NaN is not equal to itself
    // Losing sight changes nothing yet: a hand in front of the lens during a hold must
    // neither end the repetition nor make the held position the new rest.
    const [, unseenFor] = this._sight.push(t, seen, events);
    if (!seen) return events;
    if (unseenFor !== null && unseenFor > KEEP_STATE_SECONDS) this._startAfresh(t, events);
    this._step(t, this._filter.push(t, value, this._prevT), events);
    return events;
  }

  /** End of the recording: close a repetition still in progress. */
  finish() {
    const events = [];
    if (this._active && this._counted && this._prevT !== null) {
      this._complete(this._prevT, this._closing !== null, events);
    }
    return events;
  }

  /**
   * Where the patient is now, for the player (not part of the analysis): `away` from the
   * rest position, and `held` out at the counted position (the hold's countdown runs
   * only then). Mirrors ExcursionTracker.live() in excursion.py.
   */
  live() {
    if (this._neutral === null || this._prevT === null) return { away: false, held: false };
    const [countLevel] = this._levels();
    const out = Math.abs(this._prevY - this._neutral) >= countLevel;
    return { away: this._active, held: this._active && this._counted && this._closing === null && out };
  }

  /** Count, leave and partial levels in measure units (recomputed when the reference changes). */
  _levels() {
    const ref = this._reference;
    if (ref !== this._levelsFor) {
      const floor = this.config.noise_floor;
      this._levelsFor = ref;
      this._levelValues = [
        max2(COUNT_LEVEL * ref, floor),
        max2(LEAVE_LEVEL * ref, 0.5 * floor),
        max2(PARTIAL_LEVEL * ref, 0.75 * floor),
      ];
    }
    return this._levelValues;
  }

  _step(t, y, events) {
    const cfg = this.config;
    const prevT = this._prevT;
    const prevY = this._prevY;
    this._prevT = t;
    this._prevY = y;
    const [countLevel, leaveLevel, partialLevel] = this._levels();
    // Stillness matters only before the rest level is known and for an uncounted
    // excursion (a new rest position).
    const needed = this._neutral === null || (this._active && !this._counted);
    const still = this._stillWindow.push(t, y, max2(leaveLevel, cfg.noise_floor), needed);
    if (this._neutral === null) {
      // Wait for stillness a little longer than STILL_SECONDS: the slow start of a
      // set-up movement looks still for a moment.
      // Its samples are kept meanwhile: a repetition that begins as soon as the rest
      // level is learnt is timed from its start.
      this._traceT.push(t);
      this._traceD.push(this._filter.median);
      if (still === null) {
        this._stillSince = null;
        this._forget(t - HISTORY_SECONDS);
      } else if (this._stillSince === null) {
        this._stillSince = t;
      } else if (t - this._stillSince >= FIRST_STILL_EXTRA_SECONDS) {
        this._neutral = this._rest = still;
        // Rest samples by construction: the still stretch that taught the rest level.
        this._forget(this._stillSince - STILL_SECONDS);
        this._stillSince = null;
      }
      return;
    }
    if (still === null) {
      this._stillSince = null;
    } else if (this._stillSince === null
      || Math.abs(still - this._stillLevel) > max2(leaveLevel, cfg.noise_floor)) {
      // Still means staying at one level: a slow, small movement creeps away.
      this._stillSince = t;
      this._stillLevel = still;
    } else if (this._active && !this._counted && t - this._stillSince >= this._reanchorSeconds()) {
      this._neutral = this._rest = still; // settled somewhere else without a repetition
      this._active = false;
    }
    const dt = t - prevT;
    const alpha = 1.0 - Math.exp(-dt / cfg.smoothing_seconds);
    this._speed += alpha * ((y - prevY) / dt - this._speed);
    const d = y - this._neutral;
    const size = d >= 0.0 ? d : -d;
    const speed = this._speed >= 0.0 ? this._speed : -this._speed;
    this._traceT.push(t);
    // Timing works on the median-cleaned measure: the low-pass drags the shape out.
    this._traceD.push(this._filter.median);
    if (this._closing !== null) {
      const left = size > leaveLevel;
      if (left || t - this._closing >= TAIL_SECONDS) {
        if (!left && cfg.oscillating) this._settleNeutral(this._closing);
        this._complete(t, true, events);
        if (!left) {
          this._forget(t - HISTORY_SECONDS);
          return;
        }
        this._begin(t, d, size, speed);
      } else {
        return;
      }
    }
    if (!this._active) {
      if (size > leaveLevel) {
        this._begin(t, d, size, speed);
      } else {
        // At rest: follow a slowly drifting rest level (only deep inside the rest band).
        if (size < this._driftBand(leaveLevel)) {
          const beta = 1.0 - Math.exp(-dt / NEUTRAL_SECONDS);
          this._neutral += beta * d;
        }
        if (size < 0.5 * leaveLevel) {
          // Timing's rest level follows more slowly (a slow first step is not drift).
          const gamma = 1.0 - Math.exp(-dt / BASE_SECONDS);
          this._rest += gamma * (y - this._rest);
        }
        this._forget(t - HISTORY_SECONDS);
        return;
      }
    }
    const which = d < 0.0 ? 0 : 1;
    if (size > this._sidePeaks[which]) this._sidePeaks[which] = size;
    if (speed > this._peakSpeed) this._peakSpeed = speed;
    if (size > this._peak && this._allowed(d)) {
      this._peak = size;
      this._peakT = t;
      this._peakSign = d >= 0.0 ? 1.0 : -1.0;
    }
    if (cfg.oscillating) {
      if (this._oscillate(t, d, size, speed, events)) return;
    } else if (!this._counted && this._allowed(d) && size >= countLevel) {
      this._countOne(t, events);
    }
    if (size < leaveLevel) {
      if (this._nearSince === null) this._nearSince = t;
      let settled = speed < SETTLE_SPEED * this._peakSpeed;
      const nearFor = t - this._nearSince;
      let waited = nearFor >= SETTLE_SECONDS * (cfg.oscillating ? 2.0 : 1.0);
      let bothSides = false;
      if (cfg.oscillating && !this._counted) {
        bothSides = this._reachedBothSides(leaveLevel);
        if (!bothSides) {
          // Only one side so far: the other half may follow, slowly.
          settled = waited = nearFor >= ONE_SIDED_SECONDS;
        }
      }
      if (settled || waited) {
        if (bothSides) {
          // To both sides and back, only smaller than the references expect: the next
          // variant has begun. It counts, late, and its side peaks are the new references.
          this._shrinkSideRefs();
          this._countOne(t, events);
          this._closing = t;
          return;
        }
        if (this._counted) {
          // Settled: watch the tail of the return a little longer for its timing.
          this._closing = t;
          return;
        }
        if (this._peak >= partialLevel) {
          const fraction = round(this._peak / this._reference, 3);
          events.push(event("partial_rep", t, { fraction }));
          if (cfg.oscillating && min2(this._sidePeaks[0], this._sidePeaks[1]) >= leaveLevel) {
            this._shrinkSideRefs();
          }
        }
        this._active = false;
        this._forget(t - HISTORY_SECONDS);
      }
    } else {
      this._nearSince = null;
    }
  }

  /** How close to rest the rest level follows the measure: half the leave level, but at
   * least DRIFT_NOISE of the noise floor for a one-way movement. */
  _driftBand(leaveLevel) {
    const band = 0.5 * leaveLevel;
    if (!this.config.oscillating && DRIFT_NOISE * this.config.noise_floor > band) {
      return DRIFT_NOISE * this.config.noise_floor;
    }
    return band;
  }

  /** Oscillating: the mean of a settled repetition's tail corrects the rest level. */
  _settleNeutral(since) {
    const ts = this._traceT;
    const ds = this._traceD;
    let total = 0.0;
    let n = 0;
    for (let k = ts.length - 1; k >= 0; k--) {
      if (ts[k] < since) break;
      total += ds[k];
      n += 1;
    }
    if (n && this._neutral !== null) {
      this._neutral += SETTLED_REST_WEIGHT * (total / n - this._neutral);
    }
  }

  /** Oscillating: whether this excursion went clearly to both sides of rest. */
  _reachedBothSides(leaveLevel) {
    return min2(this._sidePeaks[0], this._sidePeaks[1]) >= max2(leaveLevel, this.config.noise_floor);
  }

  /** A smaller oscillation to both sides: its side peaks are the new references. */
  _shrinkSideRefs() {
    for (const k of [0, 1]) {
      if (this._sidePeaks[k] < this._sideRefs[k]) this._sideRefs[k] = this._sidePeaks[k];
    }
  }

  /** How long still away from rest, uncounted, makes a new rest position. */
  _reanchorSeconds() {
    // An oscillating repetition slows down at its first side: not a new rest.
    return this.count || this._firstSide ? REANCHOR_SECONDS : FIRST_REST_SECONDS;
  }

  _countOne(t, events) {
    this._counted = true;
    this.count += 1;
    const values = { count: this.count };
    const side = this._side();
    if (side !== null) values.side = side;
    events.push(event("rep_counted", t, values));
  }

  /** One side, then the other: the second side reached counts the repetition; the
   * first side reached again starts the next one. Returns whether one was started. */
  _oscillate(t, d, size, speed, events) {
    const sign = d >= 0.0 ? 1 : -1;
    let sideRef = this._sideRefs[sign < 0 ? 0 : 1];
    if (this._firstSide !== 0 && this._firstSide !== sign) {
      // The second half mirrors the first.
      const firstPeak = this._sidePeaks[this._firstSide < 0 ? 0 : 1];
      sideRef = firstPeak < sideRef ? firstPeak : sideRef;
    }
    if (size < max2(COUNT_LEVEL * sideRef, this.config.noise_floor)) return false;
    if (this._firstSide === 0) {
      this._firstSide = sign;
    } else if (sign !== this._firstSide && !this._counted) {
      this._countOne(t, events);
    } else if (sign === this._firstSide && this._counted) {
      this._complete(t, true, events);
      this._forget(t - HISTORY_SECONDS);
      this._begin(t, d, size, speed);
      this._firstSide = sign;
      return true;
    }
    return false;
  }

  /** Leave the rest position: a new excursion. */
  _begin(t, d, size, speed) {
    this._active = true;
    this._counted = false;
    this._base = this._rest;
    this._stillSince = null;
    this._peak = size;
    this._peakT = t;
    this._peakSpeed = speed;
    this._peakSign = d >= 0.0 ? 1.0 : -1.0;
    this._nearSince = null;
    this._sidePeaks = [0.0, 0.0];
    this._firstSide = 0;
  }

  /** Whether a deviation this way is the exercise's movement. */
  _allowed(d) {
    const cfg = this.config;
    return cfg.bidirectional || cfg.oscillating || d > 0.0;
  }

  _side() {
    const cfg = this.config;
    if (!cfg.bidirectional || cfg.oscillating) return null;
    return this._peakSign > 0 ? cfg.sides[1] : cfg.sides[0];
  }

  _forget(before) {
    const ts = this._traceT;
    let drop = 0;
    while (drop < ts.length && ts[drop] < before) drop += 1;
    if (drop) {
      ts.splice(0, drop);
      this._traceD.splice(0, drop);
    }
  }

  _complete(now, complete, events) {
    this._active = false;
    this._counted = false;
    this._closing = null;
    const amplitude = this._peak;
    this._reference += REFERENCE_WEIGHT * (amplitude - this._reference);
    if (this.config.oscillating && complete) {
      for (const k of [0, 1]) {
        this._sideRefs[k] += REFERENCE_WEIGHT * (this._sidePeaks[k] - this._sideRefs[k]);
      }
    }
    const reps = this.repetitions;
    const trace = {
      times: this._traceT,
      values: this._traceD,
      base: this._base,
      peakTime: this._peakT,
      peakSign: this._peakSign,
      since: reps.length ? reps[reps.length - 1].end : -Infinity,
    };
    const timed = excursionTimes(trace, this.config, complete);
    const rep = repetition(this.count, timed.start, timed.end, timed.outSeconds,
      timed.holdSeconds, timed.backSeconds, this._peakT, amplitude, this._side(), complete);
    reps.push(rep);
    events.push(event("rep_completed", now, { index: rep.index, duration: duration(rep) }));
    events.push(...tempoFeedback(rep, now, this.config));
  }

  /** Gone too long: close what was going on; the person may come back elsewhere. */
  _startAfresh(t, events) {
    if (this._active && this._counted && this._prevT !== null) {
      this._complete(t, this._closing !== null, events);
    }
    this._active = false;
    this._counted = false;
    this._filter.clear();
    this._prevT = null;
    this._neutral = null;
    this._speed = 0.0;
    this._traceT.length = 0;
    this._traceD.length = 0;
    this._stillWindow.clear();
  }
}
