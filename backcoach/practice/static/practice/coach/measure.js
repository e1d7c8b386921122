// The per-frame measure of a motion signal in plain numbers (mirrors the streaming
// `FrameMeasure` of backcoach/motion/measure.py, the same operations in the same order):
// landmarks under `minVisibility` or not finite are left out, a point given as a group is
// the mean of its visible members, and the frame is invalid only when a whole group is unseen.
import { LANDMARK_NAMES, NUM_LANDMARKS, landmarkIndex } from "./landmarks.js";

export const AXES = Object.freeze({ x: 0, y: 1, z: 2 });
const DEGREES = 180.0 / Math.PI;

/** Landmark indices of each of the signal's points (a name, or a group of names). */
export function pointIndices(signal) {
  return signal.points.map((p) => (typeof p === "string" ? [landmarkIndex(p)] : p.map(landmarkIndex)));
}

/** One landmark as [x, y, z, visibility]: an array, or an object as tasks-vision gives
 * ({x, y, z, visibility}). */
function row(landmarks, i) {
  const r = landmarks[i];
  if (Array.isArray(r)) return r;
  if (r === null || typeof r !== "object" || r.visibility === undefined) {
    throw new TypeError(`landmark ${i} (${LANDMARK_NAMES[i]}) must be [x, y, z, visibility] or {x, y, z, visibility}`);
  }
  return [r.x, r.y, r.z, r.visibility];
}

export class FrameMeasure {
  constructor(signal, aspectRatio = 1.0, minVisibility = 0.5) {
    this.kind = signal.kind;
    this.groups = pointIndices(signal);
    this.aspectRatio = aspectRatio;
    this.flat = signal.plane === "image";
    this.minVisibility = minVisibility;
    this.direction = signal.direction;
    this.axis = signal.axis !== null && signal.axis !== undefined ? AXES[signal.axis] : 0;
  }

  /** The measure of one frame of 33 landmarks, or null if it cannot be measured. */
  measure(landmarks) {
    if (!landmarks || landmarks.length !== NUM_LANDMARKS) {
      throw new RangeError(`a frame must hold the ${NUM_LANDMARKS} MediaPipe pose landmarks, `
        + `got ${landmarks ? landmarks.length : landmarks}`);
    }
    const p = [];
    for (const group of this.groups) {
      const point = this._point(landmarks, group);
      if (point === null) return null;
      p.push(point);
    }
    const value = this._measure(p);
    if (value === null || !Number.isFinite(value)) return null;
    return value * this.direction;
  }

  /** The mean of the group's visible landmarks, or null if none is. */
  _point(landmarks, group) {
    const aspect = this.aspectRatio;
    const minimum = this.minVisibility;
    let x = 0.0;
    let y = 0.0;
    let z = 0.0;
    let n = 0;
    for (const i of group) {
      const r = row(landmarks, i);
      if (r[3] >= minimum && Number.isFinite(r[0]) && Number.isFinite(r[1]) && Number.isFinite(r[2])) {
        x += r[0];
        y += r[1] / aspect;
        z += r[2];
        n += 1;
      }
    }
    if (n === 0) return null;
    if (group.length === 1) return [x, y, this.flat ? 0.0 : z];
    return [x / n, y / n, this.flat ? 0.0 : z / n];
  }

  _measure(p) {
    const kind = this.kind;
    if (kind === "angle") {
      const u = sub(p[0], p[1]);
      const v = sub(p[2], p[1]);
      const dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
      const norms = norm3(u) * norm3(v);
      if (norms === 0.0) return null;
      let cos = dot / norms;
      cos = cos < -1.0 ? -1.0 : cos > 1.0 ? 1.0 : cos;
      return Math.acos(cos) * DEGREES;
    }
    if (kind === "inclination") {
      return Math.atan2(p[1][0] - p[0][0], -(p[1][1] - p[0][1])) * DEGREES;
    }
    if (kind === "distance") {
      const ref = norm3(sub(p[3], p[2]));
      return ref === 0.0 ? null : norm3(sub(p[1], p[0])) / ref;
    }
    if (kind === "offset") {
      const axis = sub(p[3], p[2]);
      const rel = sub(p[0], p[1]);
      const dot = rel[0] * axis[0] + rel[1] * axis[1] + rel[2] * axis[2];
      const length = norm3(axis);
      return length === 0.0 ? null : dot / (length * length);
    }
    if (kind === "length_difference") {
      const a = norm3(sub(p[1], p[0]));
      const b = norm3(sub(p[3], p[2]));
      const mean = (a + b) * 0.5;
      return mean === 0.0 ? null : (a - b) / mean;
    }
    const k = this.axis;
    if (kind === "displacement") {
      const ref = norm3(sub(p[3], p[2]));
      return ref === 0.0 ? null : (p[0][k] - p[1][k]) / ref;
    }
    return p[0][k];
  }
}

function sub(a, b) {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function norm3(v) {
  return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}
