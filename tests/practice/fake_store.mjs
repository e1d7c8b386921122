// An in-memory stand-in for store.js (IndexedDB), for the outbox test in Node.
const items = [];
export function queue(item) { items.push(item); }
export async function outbox() { return [...items]; }
export async function removeFromOutbox(id) { items.splice(items.findIndex((item) => item.id === id), 1); }
export async function getState() { return null; }
export async function setState() {}
export async function allResults() { return []; }
export async function allSessions() { return []; }
