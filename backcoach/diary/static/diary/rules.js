// The JS twin of backcoach/safety/rules.py, for people who use Backcoach without an
// account: the same safety rules run on the device. Kept equal to the Python by the
// shared table tests/safety/rules_vectors.json (tests/safety/rules.test.mjs).
// Days are "YYYY-MM-DD" calendar days in Europe/Amsterdam.

export const LOCAL_ZONE = "Europe/Amsterdam";

// The schema's SafetyRules defaults (backcoach/content/schema.py); a test checks they match.
export const DEFAULTS = Object.freeze({
  baseline_days: 7,
  not_improving_after_days: 14,
  rise_above_baseline: 2,
  rise_consecutive_days: 2,
  severe_nrs: 8,
  no_session_days: 3,
  posture_interval_minutes: 45,
  posture_from: "09:00",
  posture_until: "18:00",
  sessions_per_day: 1,
  feedback_after_days: 7,
});

// Where a pain report came from (rules.py's PAIN_SOURCES).
export const PAIN_SOURCES = Object.freeze(["diary", "session-before", "session-after", "this-hurts"]);

const DAY_MS = 24 * 60 * 60 * 1000;
const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: LOCAL_ZONE, year: "numeric", month: "2-digit", day: "2-digit",
});

export function withDefaults(overrides = {}) {
  return { ...DEFAULTS, ...overrides };
}

/** The calendar day in Amsterdam on which an instant falls. */
export function localDay(instant) {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${instant}`);
  const parts = Object.fromEntries(dayFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const toUtc = (day) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
export const addDays = (day, n) => new Date(toUtc(day) + n * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from, to) => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
const firstOf = (pain) => Object.keys(pain).sort()[0];

function firing(rule, detail, day, advice, isAlert, inputs) {
  return { rule, detail, day, advice, is_alert: isAlert, inputs: { day, ...inputs } };
}

/** A report as a firing's inputs record it (rules.py's PainReport.as_inputs). */
function reportInputs(report) {
  const found = {};
  for (const key of ["source", "nrs", "at", "session", "exercise"]) {
    if (report[key] !== null && report[key] !== undefined) found[key] = report[key];
  }
  found.source ??= "diary";
  return found;
}

/** Check a report {day, nrs, source, at?, session?, exercise?} as PainReport does. */
export function painReport(report) {
  const source = report.source ?? "diary";
  if (!PAIN_SOURCES.includes(source)) throw new RangeError(`unknown pain source '${source}'`);
  if (!(report.nrs >= 0 && report.nrs <= 10)) throw new RangeError(`pain must be 0-10 on the NRS, got ${report.nrs}`);
  return { ...report, source };
}

/** The day's pain: the highest NRS reported that day, wherever (see rules.py's daily_pain). */
export function dailyPain(reports) {
  const pain = {};
  for (const report of reports.map(painReport)) pain[report.day] = Math.max(report.nrs, pain[report.day] ?? 0);
  return pain;
}

/** One urgent alert per red flag answered "yes". */
export function redFlagFirings(answers, flagIds, day) {
  const unknown = Object.keys(answers).filter((id) => !flagIds.includes(id));
  if (unknown.length) throw new RangeError(`unknown red flags: ${unknown.sort()}`);
  return flagIds
    .filter((id) => answers[id])
    .map((id) => firing("red-flag", id, day, "urgent", true, { answer: "yes" }));
}

/** The mean NRS of the first week's entries dated before `before`, and those days. */
export function baseline(pain, rules, before, start) {
  const first = start || firstOf(pain);
  if (!first) return null;
  const end = addDays(first, rules.baseline_days);
  const days = Object.keys(pain).sort().filter((d) => d >= first && d < end && d < before);
  if (!days.length) return null;
  return { mean: days.reduce((sum, d) => sum + pain[d], 0) / days.length, days };
}

const baselineInputs = (pain, found) => ({
  baseline: Math.round(found.mean * 100) / 100,
  baseline_entries: Object.fromEntries(found.days.map((d) => [d, pain[d]])),
});

/** The "pain stays or grows" rules for `day`, which must have an entry to be judged. */
export function painFirings(pain, day, rules, start, reports = []) {
  if (!(day in pain)) return [];
  const first = start || firstOf(pain);
  const nrs = pain[day];
  const found = [];
  const consult = (detail, inputs) => firing("pain-persists", detail, day, "consult-doctor", true, inputs);
  if (nrs >= rules.severe_nrs) {
    const inputs = { nrs, severe_nrs: rules.severe_nrs };
    const severe = reports.filter((r) => r.day === day && r.nrs >= rules.severe_nrs).map(reportInputs);
    if (severe.length) inputs.reports = severe;
    found.push(consult("severe", inputs));
  }
  const since = daysBetween(first, day);
  if (since >= rules.not_improving_after_days) {
    const base = baseline(pain, rules, day, first);
    if (base && nrs >= base.mean) {
      found.push(consult("not-improving", {
        nrs, ...baselineInputs(pain, base), first_day: first, days_since_first: since,
        not_improving_after_days: rules.not_improving_after_days,
      }));
    }
  }
  const run = [];
  for (let n = rules.rise_consecutive_days - 1; n >= 0; n--) run.push(addDays(day, -n));
  if (run.every((d) => d in pain)) {
    const base = baseline(pain, rules, run[0], first);
    if (base && run.every((d) => pain[d] >= base.mean + rules.rise_above_baseline)) {
      found.push(consult("rising", {
        run: Object.fromEntries(run.map((d) => [d, pain[d]])), ...baselineInputs(pain, base),
        rise_above_baseline: rules.rise_above_baseline, rise_consecutive_days: rules.rise_consecutive_days,
      }));
    }
  }
  return found;
}

/** A gentle reminder once `no_session_days` days in a row (today included) had no session. */
export function noSessionFiring(sessionDays, start, day, rules) {
  const earlier = sessionDays.filter((d) => d <= day).sort();
  const last = earlier.length ? earlier[earlier.length - 1] : null;
  const countedFrom = last ? addDays(last, 1) : start;
  const without = daysBetween(countedFrom, day) + 1;
  if (without < rules.no_session_days) return null;
  return firing("no-session", "", day, "reminder", false, {
    last_session_day: last, days_without_session: without, no_session_days: rules.no_session_days,
  });
}

/** Every pain and reminder rule for `day` (red flags are judged when answered). */
export function evaluate(pain, sessionDays, day, rules, start, reports = []) {
  const found = painFirings(pain, day, rules, start, reports);
  const first = start || firstOf(pain) || day;
  const reminder = noSessionFiring(sessionDays, first, day, rules);
  if (reminder) found.push(reminder);
  return found;
}
