// The JS twin of backcoach/safety/rules.py against the shared vectors (run by test_rules.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  DEFAULTS, evaluate, localDay, redFlagFirings, withDefaults,
} from "../../backcoach/diary/static/diary/rules.js";

const vectors = JSON.parse(readFileSync(new URL("./rules_vectors.json", import.meta.url)));

test("the defaults equal the schema's", () => {
  assert.deepEqual({ ...DEFAULTS }, vectors.defaults);
});

for (const c of vectors.cases) {
  test(c.name, () => {
    const sessions = [...c.sessions, ...(c.session_instants || []).map(localDay)];
    const firings = evaluate(c.pain, sessions, c.day, withDefaults(c.rules), c.start);
    const got = firings.map((f) => [f.rule, f.detail]).sort();
    assert.deepEqual(got, c.expect);
  });
}

for (const row of vectors.local_days) {
  test(`local day of ${row.instant}`, () => assert.equal(localDay(row.instant), row.day));
}

test("a red flag yes is urgent, an unknown one refused", () => {
  const [f] = redFlagFirings({ a: false, b: true }, ["a", "b"], "2026-03-29");
  assert.deepEqual([f.rule, f.detail, f.advice, f.is_alert], ["red-flag", "b", "urgent", true]);
  assert.throws(() => redFlagFirings({ c: true }, ["a"], "2026-03-29"), RangeError);
});
