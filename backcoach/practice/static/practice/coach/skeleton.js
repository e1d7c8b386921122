// The points and bones the coach sees, drawn over the camera preview, so a patient who
// looks can tell at once whether the phone sees all of them.

const BONES = [
  [11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24],
  [23, 25], [25, 27], [24, 26], [26, 28], [27, 31], [28, 32], [0, 11], [0, 12],
];

export function drawSkeleton(canvas, frame, { needed = [], minVisibility = 0.5, mirrored = true } = {}) {
  const context = canvas.getContext("2d");
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  if (!frame) return;
  const at = (i) => [(mirrored ? 1 - frame[i][0] : frame[i][0]) * width, frame[i][1] * height];
  const seen = (i) => frame[i][3] >= minVisibility;
  context.lineWidth = Math.max(3, width / 120);
  context.strokeStyle = "#ffffff";
  for (const [a, b] of BONES) {
    if (!seen(a) || !seen(b)) continue;
    context.beginPath();
    context.moveTo(...at(a));
    context.lineTo(...at(b));
    context.stroke();
  }
  const needs = new Set(needed);
  for (let i = 0; i < frame.length; i++) {
    if (!seen(i)) continue;
    const [x, y] = at(i);
    context.beginPath();
    context.arc(x, y, needs.has(i) ? width / 60 : width / 100, 0, 2 * Math.PI);
    // The landmarks the exercise is measured by stand out (dark blue on a white ring).
    context.fillStyle = needs.has(i) ? "#0b3d91" : "#ffffff";
    context.fill();
    context.stroke();
  }
}
