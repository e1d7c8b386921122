// In-app reminders while Backcoach is open: exercise times and posture changes.
// The schedule (local "HH:MM" times and the words) comes from a JSON block on the page.
const data = document.getElementById("reminder-schedule");
const schedule = data ? JSON.parse(data.textContent) : null;

function minutesOf(hhmm) {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

// The next moment, as [milliseconds from now, kind], or null without any times.
export function nextReminder(sched, now = new Date()) {
  const nowMinutes = now.getHours() * 60 + now.getMinutes() + now.getSeconds() / 60;
  let best = null;
  for (const kind of ["exercise", "posture"]) {
    for (const hhmm of sched[kind] || []) {
      let delta = minutesOf(hhmm) - nowMinutes;
      if (delta <= 0) delta += 24 * 60;
      if (!best || delta < best[0]) best = [delta, kind];
    }
  }
  return best && [Math.round(best[0] * 60000), best[1]];
}

function show(kind) {
  const title = schedule.texts[kind];
  const body = kind === "posture" ? schedule.texts.postureBody : "";
  if ("Notification" in window && Notification.permission === "granted") {
    new Notification(title, { body, tag: `backcoach-${kind}` });
  }
  let banner = document.querySelector(".reminder-banner");
  if (!banner) {
    banner = document.createElement("p");
    banner.className = "reminder-banner";
    banner.setAttribute("role", "status");
    document.querySelector("main .wrap")?.append(banner);
  }
  banner.textContent = body ? `${title}. ${body}` : title;
}

function plan() {
  const next = nextReminder(schedule);
  if (!next) return;
  // Timers drift while a phone sleeps; re-plan at least every 10 minutes.
  const wait = Math.min(next[0], 10 * 60000);
  setTimeout(() => {
    if (wait === next[0]) show(next[1]);
    plan();
  }, wait);
}

function setUpButton() {
  const button = document.getElementById("enable-notifications");
  const status = document.getElementById("notification-status");
  if (!button) return;
  if (!("Notification" in window)) {
    button.hidden = true;
    if (status) status.textContent = button.dataset.unsupported || "";
    return;
  }
  button.addEventListener("click", async () => {
    const answer = await Notification.requestPermission();
    if (status) status.textContent = answer === "granted" ? button.dataset.granted : button.dataset.denied;
  });
}

if (schedule && typeof window !== "undefined") {
  setUpButton();
  plan();
}
