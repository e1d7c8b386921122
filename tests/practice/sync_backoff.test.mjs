// The outbox backs off on 503 and 5xx (honouring Retry-After) and when offline.
// Run by test_sync_backoff.py with sync.js next to a fake store.js in a temp folder.
import assert from "node:assert/strict";
import { test } from "node:test";

const here = new URL(".", import.meta.url);
const { retryDelay, retryAfterMs, FIRST_MS, MAX_MS } = await import(new URL("backoff.js", here));

test("the wait doubles from the first and stops at the cap", () => {
  const none = () => 0;
  assert.equal(retryDelay(1, null, none), FIRST_MS);
  assert.equal(retryDelay(2, null, none), 2 * FIRST_MS);
  assert.equal(retryDelay(4, null, none), 8 * FIRST_MS);
  assert.equal(retryDelay(40, null, none), MAX_MS);
  assert.equal(retryDelay(40, null, () => 0.99), MAX_MS); // jitter never passes the cap
});

test("Retry-After is honoured: never sooner than the server asked, never past the cap", () => {
  const none = () => 0;
  assert.equal(retryDelay(1, "30", none), 30000);
  assert.equal(retryDelay(5, "2", none), 16 * FIRST_MS); // the longer of the two
  assert.equal(retryDelay(1, "86400", none), MAX_MS);
  assert.equal(retryAfterMs("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")), 10000);
  assert.equal(retryAfterMs("soon"), null);
  const jittered = retryDelay(1, "10", () => 0.5);
  assert.ok(jittered > 10000 && jittered <= 12000, String(jittered));
});

test("flush keeps the item and waits longer after each 503, then sends it", async () => {
  const store = await import(new URL("store.js", here));
  const waits = [];
  globalThis.setTimeout = (fn, ms) => { waits.push(ms); return 0; };
  globalThis.clearTimeout = () => {};
  globalThis.document = { cookie: "csrftoken=abc" };
  Math.random = () => 0;
  const answers = [
    { ok: false, status: 503, retryAfter: "7" },
    { ok: false, status: 503, retryAfter: "7" },
    { ok: false, status: 500, retryAfter: null },
    "offline",
    { ok: true, status: 201, retryAfter: null },
  ];
  const sent = [];
  globalThis.fetch = async (url, options) => {
    sent.push([url, options.headers["X-CSRFToken"]]);
    const answer = answers.shift();
    if (answer === "offline") throw new TypeError("Failed to fetch");
    return { ok: answer.ok, status: answer.status, headers: { get: () => answer.retryAfter }, text: async () => "" };
  };
  const sync = await import(new URL("sync.js", here));
  store.queue({ id: 1, kind: "results", body: { uuid: "u1" } });
  for (let attempt = 0; attempt < 5; attempt += 1) await sync.flush("/api/practice/");
  assert.deepEqual(waits, [7000, 7000, 12000, 24000]); // Retry-After, then doubling
  assert.equal(sent.length, 5);
  assert.deepEqual(sent[0], ["/api/practice/results", "abc"]);
  assert.equal((await store.outbox()).length, 0); // sent, acknowledged, removed
});
