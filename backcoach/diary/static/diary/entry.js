// Changing the day of the diary form fills it with that day's own entry (or nothing),
// so today's pain, sessions and note are never saved onto another day. The form's
// hidden shown_day says whose values it holds; the server refuses a mismatch (views.py).
const form = document.getElementById("entry-form");
const dayInput = form.querySelector("#id_day");
const shownDay = form.querySelector("#id_shown_day");
const status = document.getElementById("entry-status");
let entries = null;

function byDay() {
  entries ??= fetch("/api/diary/entries", { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .then((list) => Object.fromEntries(list.map((entry) => [entry.day, entry])));
  return entries;
}

function dayText(day) {
  const format = new Intl.DateTimeFormat(document.documentElement.lang, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  return format.format(new Date(`${day}T00:00:00Z`));
}

async function showDay() {
  const day = dayInput.value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day > dayInput.max || day === shownDay.value) return;
  form.setAttribute("aria-busy", "true");
  let found;
  try {
    found = await byDay();
  } catch {
    entries = null;  // the server keeps the check: it will say the form showed another day
    form.removeAttribute("aria-busy");
    return;
  }
  if (dayInput.value !== day) return;  // changed again meanwhile: that change fills it in
  const entry = found[day];
  for (const radio of form.querySelectorAll("input[name='pain_nrs']")) radio.checked = entry ? Number(radio.value) === entry.pain_nrs : false;
  form.querySelector("#id_sessions_done").value = String(entry ? entry.sessions_done : 0);
  form.querySelector("#id_note").value = entry ? entry.note : "";
  shownDay.value = day;
  form.removeAttribute("aria-busy");
  form.querySelector("#day-changed")?.remove();
  status.textContent = (entry ? status.dataset.entry : status.dataset.empty).replace("%(day)s", dayText(day));
}

dayInput.addEventListener("change", showDay);
