// MediaPipe's 33 pose landmark names in MediaPipe's order: the order is the index
// (mirrors backcoach/landmarks.py; tests/motion/test_coach_drift.py compares them).

export const LANDMARK_NAMES = Object.freeze([
  "nose",
  "left_eye_inner",
  "left_eye",
  "left_eye_outer",
  "right_eye_inner",
  "right_eye",
  "right_eye_outer",
  "left_ear",
  "right_ear",
  "mouth_left",
  "mouth_right",
  "left_shoulder",
  "right_shoulder",
  "left_elbow",
  "right_elbow",
  "left_wrist",
  "right_wrist",
  "left_pinky",
  "right_pinky",
  "left_index",
  "right_index",
  "left_thumb",
  "right_thumb",
  "left_hip",
  "right_hip",
  "left_knee",
  "right_knee",
  "left_ankle",
  "right_ankle",
  "left_heel",
  "right_heel",
  "left_foot_index",
  "right_foot_index",
]);
export const NUM_LANDMARKS = LANDMARK_NAMES.length;

const INDEX = new Map(LANDMARK_NAMES.map((name, i) => [name, i]));

/** The index of a landmark by name, or an error that lists the valid names. */
export function landmarkIndex(name) {
  const i = typeof name === "string" ? INDEX.get(name.toLowerCase()) : undefined;
  if (i === undefined) {
    throw new RangeError(`unknown landmark ${JSON.stringify(name)}; expected one of: ${LANDMARK_NAMES.join(", ")}`);
  }
  return i;
}
