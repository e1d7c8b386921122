// Backcoach session player service worker: the player runs offline once visited.
// Served by Django at /session/sw.js (scope /session/); POSTs are never cached.
// The page, its JS and CSS are cached at install; the page then asks for its
// program JSON (handed over, not fetched again) and the illustrations of its
// language ("warm" message).
const CACHE = "{{ cache_name|escapejs }}";
const PLAYER = "{% url 'session-player' %}";
const ILLUSTRATIONS = "{{ illustrations_prefix|escapejs }}";
// The camera coach's files are cached when first used (never at install: most sessions
// never turn the camera on), in a cache of their own that a new program does not clear.
// Its runtime and model carry their version and checksum in their names.
const COACH_CACHE = "backcoach-coach";
const COACH_VENDOR = "{{ coach_vendor_prefix|escapejs }}";
const COACH_CODE = ["{{ coach_code_prefix|escapejs }}", "{{ coach_glue|escapejs }}", "{{ coach_config|escapejs }}", "{{ coach_worker|escapejs }}"];
const ASSETS = [{% for url in assets %}"{{ url|escapejs }}", {% endfor %}PLAYER];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("backcoach-player-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** Cache the program the page loaded, and what it names (its pictures) not cached yet. */
async function warm(urls, loaded) {
  const cache = await caches.open(CACHE);
  if (loaded?.url && new URL(loaded.url, self.location.origin).origin === self.location.origin) {
    const headers = { "Content-Type": "application/json" };
    await cache.put(new Request(loaded.url), new Response(loaded.body, { headers }));
  }
  const missing = [];
  for (const url of urls) if (!(await cache.match(url))) missing.push(url);
  await cache.addAll(missing);
  return missing.length;
}

self.addEventListener("message", (event) => {
  if (event.data?.type !== "warm") return;
  const reply = (answer) => event.ports[0]?.postMessage(answer);
  event.waitUntil(
    warm(event.data.urls.filter((url) => new URL(url, self.location.origin).origin === self.location.origin), event.data.loaded)
      .then((fetched) => reply({ ok: true, fetched }), (error) => reply({ ok: false, error: String(error) })),
  );
});

// Network first, so a patient online always gets the current program and their
// dose steps; the cached copy is the fallback when offline. The page itself is
// matched without its query (?timescale=... in tests).
async function networkFirst(request, matchOptions, cacheName = CACHE) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true, ...matchOptions });
    if (cached) return cached;
    throw error;
  }
}

// Illustration URLs carry the program checksum: their content never changes.
async function cacheFirst(request, cacheName = CACHE) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === PLAYER) event.respondWith(networkFirst(event.request, { ignoreSearch: true }));
  else if (url.pathname.startsWith(ILLUSTRATIONS)) event.respondWith(cacheFirst(event.request));
  else if (url.pathname.startsWith(COACH_VENDOR)) event.respondWith(cacheFirst(event.request, COACH_CACHE));
  else if (COACH_CODE.some((prefix) => url.pathname.startsWith(prefix))) event.respondWith(networkFirst(event.request, {}, COACH_CACHE));
  else if (url.pathname.startsWith("/api/practice/program") || ASSETS.includes(url.pathname)) event.respondWith(networkFirst(event.request));
});
