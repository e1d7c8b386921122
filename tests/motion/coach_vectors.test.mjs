// The browser's motion core against every shared test vector (run by test_coach_js.py).
// Same count, the same event codes in the same order, and every number (per-frame
// measure, repetition fields, event times and values) within 1e-6 of Python's, or the
// file's `tolerance` if tighter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { vectorFrames } from "../../backcoach/practice/static/practice/coach/bench.js";
import { createAnalyzer } from "../../backcoach/practice/static/practice/coach/motion.js";
import { round } from "../../backcoach/practice/static/practice/coach/py.js";

const FOLDER = new URL("../../backcoach/motion/testvectors/", import.meta.url);
const FILES = readdirSync(FOLDER).filter((name) => name.endsWith(".json")).sort();
const MAX_TOLERANCE = 1e-6;
const LANDMARKS_WITHOUT_VISIBILITY = Array.from({ length: 33 }, () => ({ x: 0.5, y: 0.5, z: 0 }));

function same(found, want, where, tolerance) {
  if (typeof want === "number" || typeof found === "number") {
    assert.equal(typeof found, "number", `${where}: ${found} is not a number`);
    assert.equal(typeof want, "number", `${where}: expected ${want}`);
    assert.ok(Math.abs(found - want) <= tolerance, `${where}: ${found} != ${want}`);
  } else if (Array.isArray(want)) {
    assert.ok(Array.isArray(found), `${where}: not a list`);
    assert.equal(found.length, want.length, `${where}: length`);
    want.forEach((w, i) => same(found[i], w, `${where}[${i}]`, tolerance));
  } else if (want !== null && typeof want === "object") {
    assert.deepEqual(Object.keys(found).sort(), Object.keys(want).sort(), `${where}: keys`);
    for (const key of Object.keys(want)) same(found[key], want[key], `${where}.${key}`, tolerance);
  } else {
    assert.equal(found, want, `${where}`);
  }
}

test("there is a vector per leaflet exercise and real recordings", () => {
  assert.equal(FILES.filter((f) => f.startsWith("synthetic-")).length, 8);
  assert.ok(FILES.some((f) => f.startsWith("repcount-")));
  assert.ok(FILES.some((f) => f.startsWith("keraal-")));
});

for (const file of FILES) {
  test(file, () => {
    const vector = JSON.parse(readFileSync(new URL(file, FOLDER)));
    const expected = vector.expected;
    const tolerance = Math.min(vector.tolerance, MAX_TOLERANCE);
    const analyzer = createAnalyzer(vector.signal, vector.tracker, {
      aspectRatio: vector.aspect_ratio,
      minVisibility: vector.min_visibility,
    });
    const frames = vectorFrames(vector);
    const measures = [];
    const streamed = [];
    vector.times.forEach((t, i) => {
      measures.push(analyzer.measure(frames[i]));
      streamed.push(...analyzer.push(t, frames[i]));
    });
    assert.equal(analyzer.count, streamed.filter((e) => e.code === "rep_counted").length);
    const result = analyzer.finish();
    assert.deepEqual(analyzer.repetitions, result.repetitions);
    same(measures, expected.measure, "measure", tolerance);
    assert.equal(result.count, expected.count, "count");
    same(result.repetitions, expected.repetitions, "repetitions", tolerance);
    assert.deepEqual(result.events.map((e) => e.code), expected.events.map((e) => e.code), "event codes");
    same(result.events, expected.events, "events", tolerance);
    // push() returns the events as they happen; finish() adds only the set's end.
    assert.deepEqual(result.events.slice(0, streamed.length), streamed);
  });
}

test("round is Python's: ties to even on the exact binary value", () => {
  // Python: round(0.125, 2) == 0.12, round(0.375, 2) == 0.38, round(2.675, 2) == 2.67,
  // round(-0.125, 2) == -0.12, round(1.0005, 3) == 1.0 (1.0005 is just under), round(0.0625, 3) == 0.062
  assert.deepEqual(
    [round(0.125, 2), round(0.375, 2), round(2.675, 2), round(-0.125, 2), round(1.0005, 3), round(0.0625, 3)],
    [0.12, 0.38, 2.67, -0.12, 1.0, 0.062],
  );
});

test("bad input gets an error naming the problem", () => {
  const vector = JSON.parse(readFileSync(new URL("keraal-ctk.json", FOLDER))); // left wrist only
  const analyzer = createAnalyzer(vector.signal, vector.tracker);
  assert.throws(() => analyzer.push(0, [[0, 0, 0, 1]]), /33 MediaPipe pose landmarks/);
  analyzer.push(1, null);
  assert.throws(() => analyzer.push(1, null), /timestamps must increase/);
  assert.throws(() => createAnalyzer(vector.signal, { ...vector.tracker, speed: 1 }), /unknown tracker config field "speed"/);
  assert.throws(() => createAnalyzer({ ...vector.signal, points: ["elbow"] }), /needs|unknown landmark/);
  assert.throws(() => createAnalyzer(vector.signal, null, { aspectRatio: 0 }), /aspectRatio/);
  assert.throws(() => analyzer.push(2, LANDMARKS_WITHOUT_VISIBILITY), /landmark 15 \(left_wrist\) must be/);
});
