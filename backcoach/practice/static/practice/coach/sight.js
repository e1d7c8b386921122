// Whether the person is in sight (mirrors backcoach/motion/sight.py): time moves forward,
// and more than `maxGapSeconds` without a valid sample loses them until the next one.
import { event } from "./events.js";

export class Sight {
  constructor(maxGapSeconds) {
    this.maxGapSeconds = maxGapSeconds;
    this.lastT = null;
    this.lastSeenT = null;
    this.lost = false;
  }

  /**
   * Checks the time and appends tracking_lost / tracking_resumed to `events`. Returns
   * [lostNow, unseenFor]: whether the person was lost just now, and how long they were
   * unseen when seen again after being lost (else null). Throws if time stands still.
   */
  push(t, seen, events) {
    if (this.lastT !== null && !(t > this.lastT)) {
      throw new RangeError(`timestamps must increase: ${t} after ${this.lastT}`);
    }
    this.lastT = t;
    const lastSeen = this.lastSeenT;
    const lostNow = !this.lost && lastSeen !== null && t - lastSeen > this.maxGapSeconds;
    if (lostNow) {
      this.lost = true;
      events.push(event("tracking_lost", t));
    }
    if (!seen) return [lostNow, null];
    this.lastSeenT = t;
    if (!this.lost) return [lostNow, null];
    this.lost = false;
    events.push(event("tracking_resumed", t));
    return [lostNow, t - (lastSeen !== null ? lastSeen : t)];
  }
}
