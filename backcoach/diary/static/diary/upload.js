// Once a patient is logged in, the diary kept on this device without an account is
// sent to their record (once; days already on the server are kept), then cleared here.
const DB_NAME = "backcoach-diary";

async function deviceEntries() {
  // Never create the database just to look: only open it if the device diary made it.
  const known = indexedDB.databases ? await indexedDB.databases() : [];
  if (!known.some((db) => db.name === DB_NAME)) return null;
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return { db, entries: await new Promise((resolve, reject) => {
    const request = db.transaction("entries").objectStore("entries").getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }) };
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function upload() {
  const found = await deviceEntries();
  if (!found || found.entries.length === 0) return;
  const entries = found.entries.map(({ day, pain_nrs, sessions_done, note }) => ({ day, pain_nrs, sessions_done, note }));
  const response = await fetch("/api/diary/upload", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify({ entries }),
    credentials: "same-origin",
  });
  if (!response.ok) return; // kept on the device; tried again on the next visit
  const { created, kept } = await response.json();
  const tx = found.db.transaction(["entries", "firings"], "readwrite");
  tx.objectStore("entries").clear();
  tx.objectStore("firings").clear();
  tx.oncomplete = () => {
    // Reload to show the uploaded days in the charts; the page then says what happened.
    const url = new URL(window.location.href);
    url.searchParams.set("uploaded", String(created));
    url.searchParams.set("kept", String(kept));
    url.hash = "upload-report";
    window.location.replace(url.toString());
  };
}


upload();
