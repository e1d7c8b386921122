// Sends what the device saved to the server, in order, until the server acknowledges.
// A retry is safe: the server recognises each item by its client UUID.
import { retryDelay } from "./backoff.js";
import * as store from "./store.js";

let failures = 0; // failed attempts in a row: the wait doubles with each (backoff.js)
let running = false;
let again = false; // something was queued while sending: send again after
let timer = null;
let listener = () => {};

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function post(url, body) {
  return fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(body),
  });
}

export function onChange(callback) {
  listener = callback;
}

/** Send the queue; stops at the first network failure and tries again later. */
export async function flush(api) {
  if (running) {
    again = true;
    return;
  }
  running = true;
  again = false;
  clearTimeout(timer);
  try {
    for (const item of await store.outbox()) {
      let response;
      try {
        response = await post(api + item.kind, item.body);
      } catch {
        failures += 1; // offline or no answer
        timer = setTimeout(() => flush(api), retryDelay(failures));
        break;
      }
      if (response.ok || response.status === 409 || response.status === 422) {
        failures = 0;
        // 409/422 will never succeed on retry; keep them visible in the console.
        if (!response.ok) console.warn("Backcoach: the server refused", item, await response.text());
        await store.removeFromOutbox(item.id);
      } else {
        // 503 (overloaded, with Retry-After), another 5xx, or e.g. a lapsed login:
        // keep the item and come back later, later still each time it fails again.
        failures += 1;
        timer = setTimeout(() => flush(api), retryDelay(failures, response.headers.get("Retry-After")));
        break;
      }
    }
  } finally {
    running = false;
    listener((await store.outbox()).length);
  }
  if (again) flush(api);
}

/**
 * Upload, once per device, the history made on it before the patient logged in.
 * The server merges item by item (created / updated / duplicate / conflict / invalid),
 * so sending it again is harmless. Resolves with "uploaded", "done-before" or "failed".
 */
export async function uploadHistoryOnce(api) {
  if (await store.getState("history-uploaded")) return "done-before";
  const results = await store.allResults();
  const sessions = (await store.allSessions()).map((s) => ({ ...s, results: results.filter((r) => r.session === s.uuid) }));
  if (sessions.length) {
    const response = await post(api + "history", { sessions }).catch(() => null);
    if (!response || !response.ok) return "failed"; // tried again at the next page load
    const report = await response.json();
    const refused = [...report.sessions, ...report.results].filter((item) => item.status === "conflict" || item.status === "invalid");
    // Conflicts never succeed on retry; keep them visible in the console.
    if (refused.length) console.warn("Backcoach: the server kept its own copy of", refused);
  }
  await store.setState("history-uploaded", true);
  return "uploaded";
}

export function start(api) {
  window.addEventListener("online", () => flush(api));
  flush(api);
}
