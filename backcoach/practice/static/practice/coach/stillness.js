// Whether a measure has stayed still lately (mirrors backcoach/motion/stillness.py).
import { sum } from "./py.js";

export const STILL_SECONDS = 0.8; // the measure staying this long within the leave band is "still"

export class StillWindow {
  constructor() {
    this.times = [];
    this.values = [];
  }

  /** The mean of the last STILL_SECONDS if the measure stayed within `span`, else null
   * (always null when not `needed`: the window is kept, the test skipped). */
  push(t, y, span, needed) {
    const ts = this.times;
    const ys = this.values;
    ts.push(t);
    ys.push(y);
    while (t - ts[0] > STILL_SECONDS) {
      ts.shift();
      ys.shift();
    }
    if (!needed || t - ts[0] < 0.8 * STILL_SECONDS) return null;
    let hi = ys[0];
    let lo = ys[0];
    for (const v of ys) {
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
    if (hi - lo > span) return null;
    return sum(ys) / ys.length;
  }

  clear() {
    this.times.length = 0;
    this.values.length = 0;
  }
}
