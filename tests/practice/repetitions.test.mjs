// practice/static/practice/repetitions.js (run by test_repetitions_js.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_REPETITIONS, pacedEntry, recordRepetition } from "../../backcoach/practice/static/practice/repetitions.js";

// Knee rolls at ?timescale=0.02: move 3 s, pause 2 s, return 3 s, in page milliseconds.
const phase = (kind, start, ms, paused_ms = 0) => ({ kind, start, end: start + ms + paused_ms, scale: 0.02, paused_ms });

test("a paced repetition is stored in real seconds", () => {
  const entry = pacedEntry("left", 1, [phase("move", 0, 60), phase("pause", 60, 40), phase("return", 100, 60)]);
  assert.deepEqual(entry, { variant: "left", n: 1, source: "paced", out_seconds: 3, hold_seconds: 2, back_seconds: 3 });
});

test("two movements make one out; a hold and a pause make one hold", () => {
  const entry = pacedEntry(null, 2, [phase("move", 0, 60), phase("move", 60, 60), phase("hold", 120, 100), phase("return", 220, 60)]);
  assert.deepEqual([entry.out_seconds, entry.hold_seconds, entry.back_seconds], [6, 5, 3]);
});

test("time paused during a phase is not counted", () => {
  const entry = pacedEntry(null, 1, [phase("move", 0, 60, 5000), phase("return", 5060, 60)]);
  assert.equal(entry.out_seconds, 3);
});

test("a part the exercise does not have is null", () => {
  const entry = pacedEntry(null, 1, [phase("move", 0, 60), phase("return", 60, 60)]);
  assert.equal(entry.hold_seconds, null);
});

test("the camera's entries are kept, clamped to what the server accepts", () => {
  const progress = { result: {} };
  recordRepetition(progress, { variant: null, n: 1, source: "camera", out_seconds: 3.4, hold_seconds: null, back_seconds: 9999 });
  recordRepetition(progress, { n: 2, source: "camera", out_seconds: Number.NaN });
  assert.deepEqual(progress.result.repetitions, [
    { variant: null, n: 1, source: "camera", out_seconds: 3.4, hold_seconds: null, back_seconds: 600 },
    { variant: null, n: 2, source: "camera", out_seconds: null, hold_seconds: null, back_seconds: null },
  ]);
});

test("no more than the server's limit is kept", () => {
  const progress = { result: { repetitions: [] } };
  for (let n = 1; n <= MAX_REPETITIONS + 5; n++) recordRepetition(progress, { n, source: "paced", out_seconds: 3 });
  assert.equal(progress.result.repetitions.length, MAX_REPETITIONS);
});

test("print", { skip: !process.env.PRINT_ENTRIES }, () => {
  const progress = { result: {} };
  recordRepetition(progress, pacedEntry("right", 3, [phase("move", 0, 60), phase("hold", 60, 100), phase("return", 160, 60)]));
  recordRepetition(progress, { variant: null, n: 1, source: "camera", out_seconds: 2.1, hold_seconds: null, back_seconds: null });
  console.log("ENTRIES " + JSON.stringify(progress.result.repetitions));
});
