// The dose step-down after pain during an exercise, and the step back up.
// Twin of backcoach/safety/dose.py: both are checked against
// tests/safety/dose_vectors.json, so the device and the server agree.

export const PRESCRIBED_RANGE = "full";

/** The numbers of a program's pain_rules (snake_case, as the program JSON has them). */
export function doseRules(painRules) {
  return {
    steps: painRules.dose_steps.map((s) => ({ repsFactor: s.reps_factor, range: s.range })),
    stepUpAfter: painRules.pain_free_sessions_to_step_up,
    threshold: painRules.pain_threshold_nrs,
  };
}

export const OUTCOMES = Object.freeze(["completed", "stopped", "stopped-for-pain", "skipped"]);

/**
 * Any history item as { pain_nrs, outcome }: a bare NRS or null is a completed exercise
 * (the older form); an object says how the exercise ended.
 */
export function attemptOf(item) {
  const found = item !== null && typeof item === "object"
    ? { pain_nrs: item.pain_nrs ?? null, outcome: item.outcome ?? "completed" }
    : { pain_nrs: item ?? null, outcome: "completed" };
  if (!OUTCOMES.includes(found.outcome)) throw new RangeError(`unknown outcome ${found.outcome}`);
  return found;
}

/** An attempt from the player's exercise result fields. */
export function attemptFromResult({ pain_nrs, skipped, stopped_for_pain, stopped }) {
  let outcome = "completed";
  if (stopped_for_pain) outcome = "stopped-for-pain";
  else if (skipped) outcome = "skipped";
  else if (stopped) outcome = "stopped";
  return { pain_nrs: pain_nrs ?? null, outcome };
}

/** Whether pain reported during an exercise counts as pain for the step-down. */
export function isPainful(painNrs, rules) {
  return painNrs !== null && painNrs !== undefined && painNrs >= rules.threshold;
}

/** The dose step for the next session from the exercise's attempts, oldest first. */
export function currentStep(history, rules) {
  let step = 0;
  let painFreeInARow = 0;
  for (const item of history) {
    const attempt = attemptOf(item);
    if (attempt.outcome === "stopped-for-pain" || isPainful(attempt.pain_nrs, rules)) {
      step = Math.min(step + 1, rules.steps.length);
      painFreeInARow = 0;
      continue;
    }
    // Only a completed exercise without pain counts; skipped or stopped says nothing.
    if (attempt.outcome !== "completed") continue;
    painFreeInARow += 1;
    if (step > 0 && painFreeInARow >= rules.stepUpAfter) {
      step -= 1;
      painFreeInARow = 0;
    }
  }
  return step;
}

/** reps × factor rounded half up, never below one. */
export function scaledReps(reps, factor) {
  return Math.max(1, Math.floor(reps * factor + 0.5));
}

export function doseAtStep(reps, step, rules) {
  if (step < 0 || step > rules.steps.length) {
    throw new RangeError(`step ${step} is outside 0..${rules.steps.length}`);
  }
  if (step === 0) return { step: 0, reps, range: PRESCRIBED_RANGE };
  const chosen = rules.steps[step - 1];
  return { step, reps: scaledReps(reps, chosen.repsFactor), range: chosen.range };
}

export function nextDose(reps, history, rules) {
  return doseAtStep(reps, currentStep(history, rules), rules);
}
