// Set-up before counting: is the whole body the exercise needs in view, and still?
// Designed for a patient on the floor who cannot see the screen: each state has one
// sentence the coach says, and "seen" is reached only after a steady second, so the
// coach does not flip between "I can see you" and "I cannot see you" at the edge.

export const STATES = ["not_seen", "not_all_seen", "hold_still", "turn_more", "seen"];

const EDGE = 0.02; // a landmark this close to the picture's edge is half out of it
const WINDOW_SECONDS = 1.0; // how long the body must be in view and still
const STEADY = 0.015; // spread (image fraction) of the body's centre that counts as still

function centre(frame, needed) {
  // The mean of all needed landmarks, seen or not: MediaPipe still places the hidden
  // ones near the body, and a fixed set keeps the centre from jumping.
  let x = 0;
  let y = 0;
  for (const i of needed) {
    x += frame[i][0];
    y += frame[i][1];
  }
  return [x / needed.length, y / needed.length];
}

/** Every point of the measure is seen: at least one landmark of each of its groups is
 * visible and inside the picture (the visible-members rule of the measure itself; the
 * far side of a body seen from the side is often reported with a low visibility). */
function inView(frame, groups, minVisibility) {
  const seen = (i) => {
    const [x, y, , visibility] = frame[i];
    return visibility >= minVisibility && x >= EDGE && x <= 1 - EDGE && y >= EDGE && y <= 1 - EDGE;
  };
  return groups.every((group) => group.some(seen));
}

/**
 * The camera's azimuth from straight in front, in degrees, from how wide the shoulders
 * look against the trunk's length (cos(azimuth) = ratio / frontRatio, the body model's
 * ratio seen from the front). `aspect` is the picture's width / height.
 */
export function azimuthDegrees(frame, frontRatio, aspect) {
  const dx = (frame[11][0] - frame[12][0]) * aspect;
  const dy = frame[11][1] - frame[12][1];
  const shoulders = Math.hypot(dx, dy);
  const tx = ((frame[11][0] + frame[12][0]) / 2 - (frame[23][0] + frame[24][0]) / 2) * aspect;
  const ty = (frame[11][1] + frame[12][1]) / 2 - (frame[23][1] + frame[24][1]) / 2;
  const trunk = Math.hypot(tx, ty);
  if (trunk === 0) return 90;
  return (Math.acos(Math.min(1, shoulders / trunk / frontRatio)) * 180) / Math.PI;
}

export class Readiness {
  /** `config`: the exercise's coach config (landmarks, min_visibility, angle). */
  constructor(config, aspect = 4 / 3) {
    this.needed = config.landmarks;
    this.groups = config.groups;
    this.minVisibility = config.min_visibility;
    this.angle = config.angle;
    this.aspect = aspect;
    this.recent = []; // [time, centre] of the frames in view, newest last
    this.state = "not_seen";
  }

  push(time, frame) {
    if (!frame) return this.set("not_seen", time);
    if (!inView(frame, this.groups, this.minVisibility)) return this.set("not_all_seen", time);
    this.recent.push([time, centre(frame, this.needed)]);
    while (this.recent.length && this.recent[0][0] < time - WINDOW_SECONDS) this.recent.shift();
    if (this.angle) {
      const off = Math.abs(azimuthDegrees(frame, this.angle.front_ratio, this.aspect) - this.angle.target_degrees);
      if (off > this.angle.tolerance_degrees) return this.set("turn_more", time, false);
    }
    const span = time - this.recent[0][0];
    if (span < WINDOW_SECONDS * 0.9 || spread(this.recent) > STEADY) return this.set("hold_still", time, false);
    return this.set("seen", time, false);
  }

  set(state, time, clear = true) {
    if (clear) this.recent = [];
    this.state = state;
    return state;
  }
}

function spread(recent) {
  let sx = 0;
  let sy = 0;
  for (const [, [x, y]] of recent) {
    sx += x;
    sy += y;
  }
  const mx = sx / recent.length;
  const my = sy / recent.length;
  let v = 0;
  for (const [, [x, y]] of recent) v += (x - mx) ** 2 + (y - my) ** 2;
  return Math.sqrt(v / recent.length);
}
