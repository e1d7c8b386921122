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

/** Whether pain reported during an exercise counts as pain for the step-down. */
export function isPainful(painNrs, rules) {
  return painNrs !== null && painNrs !== undefined && painNrs >= rules.threshold;
}

/** The dose step for the next session from the exercise's pain history, oldest first. */
export function currentStep(history, rules) {
  let step = 0;
  let painFreeInARow = 0;
  for (const pain of history) {
    if (isPainful(pain, rules)) {
      step = Math.min(step + 1, rules.steps.length);
      painFreeInARow = 0;
      continue;
    }
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
