// Everything the player records, kept on the device first (IndexedDB).
// Stores: sessions and results by their client UUID, an outbox for the server,
// and the progress of the running session so a reload resumes where it was.

import { attemptFromResult } from "./dose.js";

const DB_NAME = "backcoach";
const DB_VERSION = 1;
let opened = null;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function open() {
  if (opened) return opened;
  opened = new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("sessions", { keyPath: "uuid" });
      const results = db.createObjectStore("results", { keyPath: "uuid" });
      results.createIndex("session", "session");
      db.createObjectStore("outbox", { keyPath: "id", autoIncrement: true });
      db.createObjectStore("state");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function tx(storeNames, mode, work) {
  const db = await open();
  const transaction = db.transaction(storeNames, mode);
  const result = work(transaction);
  await new Promise((resolve, reject) => {
    transaction.oncomplete = resolve;
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
  return result instanceof IDBRequest ? result.result : result;
}

/** Save a session (new or updated) and, in the same transaction, queue it for the server. */
export function saveSession(session, queue) {
  return tx(["sessions", "outbox"], "readwrite", (t) => {
    t.objectStore("sessions").put(session);
    if (queue) t.objectStore("outbox").add({ kind: "sessions", body: session });
  });
}

/** Save an exercise result at once, and queue it for the server when logged in. */
export function saveResult(result, queue) {
  return tx(["results", "outbox"], "readwrite", (t) => {
    t.objectStore("results").put(result);
    if (queue) t.objectStore("outbox").add({ kind: "results", body: result });
  });
}

export const allSessions = () => tx(["sessions"], "readonly", (t) => t.objectStore("sessions").getAll());
export const allResults = () => tx(["results"], "readonly", (t) => t.objectStore("results").getAll());
export const outbox = () => tx(["outbox"], "readonly", (t) => t.objectStore("outbox").getAll());
export const removeFromOutbox = (id) => tx(["outbox"], "readwrite", (t) => t.objectStore("outbox").delete(id));

export const getState = (key) => tx(["state"], "readonly", (t) => t.objectStore("state").get(key));
export const setState = (key, value) => tx(["state"], "readwrite", (t) => t.objectStore("state").put(value, key));
export const clearState = (key) => tx(["state"], "readwrite", (t) => t.objectStore("state").delete(key));

/** Per exercise, the pain reported in each earlier session it was done, oldest first. */
// Per exercise, each session's attempt oldest first, as dose.js's currentStep reads it.
// Skipped and stopped attempts are kept: the dose rules decide what they count for.
export async function attemptHistories() {
  const sessions = new Map((await allSessions()).map((s) => [s.uuid, s]));
  const results = (await allResults())
    .filter((r) => sessions.has(r.session))
    .sort((a, b) => (sessions.get(a.session).started_at + a.completed_at).localeCompare(sessions.get(b.session).started_at + b.completed_at));
  const histories = {};
  for (const r of results) (histories[r.exercise_id] ??= []).push(attemptFromResult(r));
  return histories;
}

export { promised };
