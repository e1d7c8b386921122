// The per-sample clean-up both counters share (mirrors backcoach/motion/smoothing.py):
// a running median against single-frame spikes, then a low-pass on the real timestamps.
import { upperMedian } from "./py.js";

export class MedianLowPass {
  constructor(samples, seconds) {
    this.samples = samples;
    this.seconds = seconds;
    this.window = [];
    this.value = null; // the smoothed value, null until the first sample
    this.median = 0.0; // the last sample after the median, before the low-pass
  }

  push(t, sample, prevT) {
    const window = this.window;
    window.push(sample);
    if (window.length > this.samples) window.shift();
    const median = upperMedian(window);
    this.median = median;
    if (this.value === null || prevT === null) {
      this.value = median;
    } else {
      const alpha = 1.0 - Math.exp(-(t - prevT) / this.seconds);
      this.value += alpha * (median - this.value);
    }
    return this.value;
  }

  clear() {
    this.window.length = 0;
    this.value = null;
  }
}
