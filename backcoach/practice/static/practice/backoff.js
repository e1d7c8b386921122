// How long the outbox waits before sending again after a failed attempt (issue 11).
// Exponential from FIRST_MS, capped at MAX_MS; a server that answers with
// Retry-After (a 503 when it is overloaded) is never asked again sooner than it said.
// Up to JITTER more is added at random, so that many phones that failed together
// do not all come back at the same moment.
export const FIRST_MS = 3000;
export const MAX_MS = 5 * 60 * 1000;
export const JITTER = 0.2;

/** Retry-After in milliseconds (delay-seconds or an HTTP date), or null. */
export function retryAfterMs(header, now = Date.now()) {
  if (header === null || header === undefined || header === "") return null;
  const text = String(header).trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const when = Date.parse(text);
  return Number.isNaN(when) ? null : Math.max(0, when - now);
}

/** The wait after the `failures`-th failure in a row (1 for the first). */
export function retryDelay(failures, retryAfter = null, random = Math.random) {
  const exponential = FIRST_MS * 2 ** Math.max(0, failures - 1);
  const asked = retryAfterMs(retryAfter);
  const base = Math.min(MAX_MS, Math.max(exponential, asked ?? 0));
  return Math.round(Math.min(MAX_MS, base * (1 + JITTER * random())));
}
