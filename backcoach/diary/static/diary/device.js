// The diary for people without an account: entries live in IndexedDB on this device,
// and the same safety rules as the server's (rules.js) give the same advice.
import { barChart, painChart } from "./charts.js";
import { addDays, evaluate, localDay, withDefaults } from "./rules.js";

const config = JSON.parse(document.getElementById("device-config").textContent);
const rules = withDefaults(config.rules);
const DB_NAME = "backcoach-diary";
let opened = null;

function open() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("entries", { keyPath: "day" });
      request.result.createObjectStore("firings", { keyPath: "key" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function run(store, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, mode);
    const request = work(transaction.objectStore(store));
    transaction.oncomplete = () => resolve(request && request.result);
    transaction.onerror = () => reject(transaction.error);
  });
}

const allEntries = () => run("entries", "readonly", (s) => s.getAll());

// Sessions of the player on this device, completed or stopped part-way (as the server
// counts them, diary/records.py), if it was used here.
async function playerSessionDays() {
  try {
    const { allSessions } = await import("../practice/store.js");
    const sessions = await allSessions();
    return sessions.filter((s) => s.outcome === "completed" || s.outcome === "stopped").map((s) => localDay(s.started_at));
  } catch {
    return [];
  }
}

const fill = (template, values) => template.replace(/%\((\w+)\)[sd]/g, (_, k) => values[k] ?? "");

// Days and numbers as explain.py writes them: Django's "j F" and number_format(x, 1),
// which cuts (not rounds) a float's decimals.
const { months, decimal_separator: decimalSeparator } = config.day_format;
const dayText = (day) => `${Number(day.slice(8, 10))} ${months[Number(day.slice(5, 7)) - 1]}`;
function numberText(value) {
  const [whole, decimals = ""] = String(value).split(".");
  return `${whole}${decimalSeparator}${(decimals + "0").slice(0, 1)}`;
}

// The title and reason lines of backcoach/diary/explain.py, from its translated templates.
function explanation(firing) {
  const t = config.explain;
  const i = firing.inputs;
  if (firing.detail === "severe") {
    return [fill(t["severe-title"], {}),
      fill(t["severe-reason"], { nrs: i.nrs, day: dayText(i.day), threshold: i.severe_nrs })];
  }
  if (firing.detail === "not-improving") {
    return [fill(t["not-improving-title"], { days: i.not_improving_after_days }),
      fill(t["not-improving-reason"], { day: dayText(i.day), nrs: i.nrs, baseline: numberText(i.baseline) }),
      fill(t["not-improving-since"], { days: i.days_since_first, first: dayText(i.first_day) })];
  }
  if (firing.detail === "rising") {
    const run = Object.keys(i.run).sort()
      .map((day) => fill(t["rising-day"], { nrs: i.run[day], day: dayText(day) })).join(", ");
    return [fill(t["rising-title"], { rise: i.rise_above_baseline, count: i.rise_consecutive_days }),
      fill(t["rising-reason"], { run, baseline: numberText(i.baseline) })];
  }
  const last = i.last_session_day;
  return [fill(t["no-session-title"], { days: i.days_without_session }),
    last ? fill(t["no-session-last"], { day: dayText(last) }) : t["no-session-never"]];
}

// Explanation.sentence: "Title. Reason. Reason."
function reason(firing) {
  const [title, ...lines] = explanation(firing);
  return [`${title}.`, ...lines].join(" ");
}

function showAdvice(firings) {
  const section = document.getElementById("advice");
  const consult = section.querySelector("[data-advice='consult-doctor']");
  const reminder = section.querySelector("[data-rule='no-session']");
  const alerts = firings.filter((f) => f.is_alert);
  const list = document.getElementById("advice-reasons");
  list.replaceChildren(...alerts.map((f) => {
    const item = document.createElement("li");
    item.dataset.detail = f.detail;
    item.textContent = reason(f);
    return item;
  }));
  consult.hidden = alerts.length === 0;
  const nudge = firings.find((f) => f.rule === "no-session");
  reminder.hidden = !nudge;
  reminder.textContent = nudge ? reason(nudge) : "";
  section.hidden = consult.hidden && reminder.hidden;
}

function cell(text, header = false) {
  const td = document.createElement(header ? "th" : "td");
  if (header) td.scope = "row";
  td.textContent = text;
  return td;
}

// Python's round(): halves go to the even neighbour, so percentages match the server's.
function roundHalfEven(value) {
  const rounded = Math.round(value);
  return Math.abs(value % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

const spanFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
  day: "numeric", month: "short", timeZone: "UTC",
});
const spanYearFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
  day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
});
const asDate = (day) => new Date(`${day}T00:00:00Z`);

// The same three charts as the server's diary, from this device's days.
function showCharts(days, pain, sessions) {
  const prescribed = rules.sessions_per_day;
  const adherence = Object.fromEntries(days.map((d) => [d, Math.min(100, roundHalfEven((100 * sessions[d]) / prescribed))]));
  const span = `${spanFormat.format(asDate(days[0]))} – ${spanYearFormat.format(asDate(days[days.length - 1]))}`;
  const values = Object.values(pain);
  const done = Object.values(sessions).reduce((sum, n) => sum + n, 0);
  const t = config.texts;
  const labels = (chartId, title, summary) => ({ chartId, title: fill(t[title], { span }), summary });
  document.getElementById("device-charts").innerHTML = [
    painChart(days, pain, labels("pain-chart", "pain-title", fill(t["pain-summary"], {
      count: values.length,
      high: values.length ? Math.max(...values) : "–",
      low: values.length ? Math.min(...values) : "–",
    }))),
    barChart(days, sessions, labels("sessions-chart", "sessions-title", fill(t["sessions-summary"], { done, prescribed })),
      prescribed + 1, Array.from({ length: prescribed + 2 }, (_, n) => n), prescribed),
    barChart(days, adherence, labels("adherence-chart", "adherence-title", t["adherence-summary"]),
      100, [0, 50, 100], null, "%"),
  ].join("");
}

function showDays(entries, sessionDays) {
  const byDay = Object.fromEntries(entries.map((e) => [e.day, e]));
  const rows = [];
  const days = [];
  const pain = {};
  const perDay = {};
  for (let n = 13; n >= 0; n--) {
    const day = addDays(config.today, -n);
    const e = byDay[day];
    // The diary's number is the sessions done without the app: added, not compared.
    const sessions = (e ? e.sessions_done : 0) + sessionDays.filter((d) => d === day).length;
    days.push(day);
    perDay[day] = sessions;
    if (e) pain[day] = e.pain_nrs;
    const row = document.createElement("tr");
    row.append(cell(day, true), cell(e ? String(e.pain_nrs) : "–"), cell(String(sessions)), cell(e ? e.note : ""));
    rows.push(row);
  }
  document.getElementById("device-rows").replaceChildren(...rows);
  showCharts(days, pain, perDay);
}

async function judge(day) {
  const entries = await allEntries();
  const pain = Object.fromEntries(entries.map((e) => [e.day, e.pain_nrs]));
  const played = await playerSessionDays();
  const own = entries.filter((e) => e.sessions_done > 0).map((e) => e.day);
  const firings = evaluate(pain, [...played, ...own], day, rules);
  await run("firings", "readwrite", (s) => {
    for (const f of firings) s.put({ key: `${f.rule}|${f.detail}|${f.day}`, ...f });
  });
  showAdvice(firings);
  showDays(entries, played);
}

document.getElementById("device-entry").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const day = form.get("day");
  const pain = form.get("pain_nrs");
  if (!day || day > config.today || pain === null) {
    event.target.querySelector(pain === null ? "#id_pain_nrs_0" : "#id_day").focus();
    return;
  }
  const entry = {
    day, pain_nrs: Number(pain), sessions_done: Number(form.get("sessions_done") || 0),
    note: String(form.get("note") || ""), updated_at: new Date().toISOString(),
  };
  await run("entries", "readwrite", (s) => s.put(entry));
  document.getElementById("device-status").textContent = config.texts.saved;
  await judge(day);
});

judge(config.today);
