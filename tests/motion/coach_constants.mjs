// Prints the browser motion core's constants and settings as JSON, for the drift guard
// (test_coach_drift.py compares them with the Python modules they mirror). With an
// argument (a JSON file of [signal, tempo] pairs) it also prints trackerConfig of each.
import { readFileSync } from "node:fs";

const COACH = "../../backcoach/practice/static/practice/coach/";
const MODULES = ["tracker", "excursion", "excursion_timing", "minimum_jerk_fit", "trace", "stillness",
  "measure", "events", "landmarks", "motion"];

const out = { modules: {} };
for (const name of MODULES) {
  const module = await import(new URL(`${COACH}${name}.js`, import.meta.url));
  const constants = {};
  for (const [key, value] of Object.entries(module)) {
    if (/^[A-Z][A-Z0-9_]*$/.test(key)) constants[key] = value === undefined ? "<required>" : value;
  }
  out.modules[name] = constants;
}
// undefined does not survive JSON: the required field is marked.
out.modules.tracker.TRACKER_DEFAULTS = Object.fromEntries(
  Object.entries(out.modules.tracker.TRACKER_DEFAULTS).map(([k, v]) => [k, v === undefined ? "<required>" : v]),
);
if (process.argv[2]) {
  const { trackerConfig } = await import(new URL(`${COACH}motion.js`, import.meta.url));
  const pairs = JSON.parse(readFileSync(process.argv[2], "utf8"));
  out.tracker_configs = pairs.map(([signal, tempo]) => trackerConfig(signal, tempo));
}
process.stdout.write(JSON.stringify(out));
