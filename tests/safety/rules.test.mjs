// The JS twin of backcoach/safety/rules.py against the shared vectors (run by test_rules.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  DEFAULTS, dailyPain, evaluate, localDay, redFlagFirings, withDefaults,
} from "../../backcoach/diary/static/diary/rules.js";

const vectors = JSON.parse(readFileSync(new URL("./rules_vectors.json", import.meta.url)));

test("the defaults equal the schema's", () => {
  assert.deepEqual({ ...DEFAULTS }, vectors.defaults);
});

for (const c of vectors.cases) {
  test(c.name, () => {
    const sessions = [...c.sessions, ...(c.session_instants || []).map(localDay)];
    // The diary's days become diary reports; session reports get their local day.
    const reports = c.reports ? [
      ...Object.entries(c.pain).map(([day, nrs]) => ({ day, nrs, source: "diary" })),
      ...c.reports.map((r) => ({ ...r, day: r.instant ? localDay(r.instant) : r.day, at: r.instant })),
    ] : [];
    const pain = c.reports ? dailyPain(reports) : c.pain;
    const firings = evaluate(pain, sessions, c.day, withDefaults(c.rules), c.start, reports);
    const got = firings.map((f) => [f.rule, f.detail]).sort();
    assert.deepEqual(got, c.expect);
    if (c.reports) {
      assert.deepEqual(pain, c.expect_pain);
      const sources = firings.filter((f) => f.detail === "severe").flatMap((f) => (f.inputs.reports || []).map((r) => r.source));
      assert.deepEqual(sources, c.expect_sources);
    }
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

test("a session report says which pain and when, as the server records it", () => {
  const report = { day: "2026-03-22", nrs: 9, source: "session-after", at: "2026-03-22T08:30:00Z", session: "s-1" };
  const [f] = evaluate(dailyPain([report]), ["2026-03-22"], "2026-03-22", withDefaults(), undefined, [report]);
  assert.deepEqual(f.inputs.reports, [{ source: "session-after", nrs: 9, at: "2026-03-22T08:30:00Z", session: "s-1" }]);
  assert.throws(() => dailyPain([{ day: "2026-03-22", nrs: 5, source: "phone" }]), RangeError);
});
