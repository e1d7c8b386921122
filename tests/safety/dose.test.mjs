// The JS twin of backcoach/safety/dose.py against the shared vectors (run by test_dose.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { currentStep, doseRules, doseAtStep, nextDose } from "../../backcoach/practice/static/practice/dose.js";

const vectors = JSON.parse(readFileSync(new URL("./dose_vectors.json", import.meta.url)));
const rulesNamed = (name) => doseRules(vectors.rules[name]);

for (const c of vectors.cases) {
  test(c.name, () => {
    const rules = rulesNamed(c.rules);
    assert.equal(currentStep(c.history, rules), c.step);
    const dose = nextDose(c.reps, c.history, rules);
    assert.deepEqual({ reps: dose.reps, range: dose.range }, c.dose);
  });
}

for (const c of vectors.invalid_steps) {
  test(`step ${c.step} is refused`, () => {
    assert.throws(() => doseAtStep(c.reps, c.step, rulesNamed(c.rules)), RangeError);
  });
}

for (const item of vectors.invalid_outcomes) {
  test(`outcome ${item.outcome} is refused`, () => {
    assert.throws(() => currentStep([item], rulesNamed("shipped")), RangeError);
  });
}
