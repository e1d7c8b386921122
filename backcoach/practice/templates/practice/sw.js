// Backcoach session player service worker: the player runs offline once visited.
// Served by Django at /session/sw.js (scope /session/); POSTs are never cached.
const CACHE = "{{ cache_name|escapejs }}";
const ASSETS = [{% for url in assets %}"{{ url|escapejs }}", {% endfor %}"{% url 'session-player' %}"];

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

// Network first, so a patient online always gets the current program and their
// dose steps; the cached copy is the fallback when offline.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  const isPlayer = url.pathname === "{% url 'session-player' %}";
  const isProgram = url.pathname.startsWith("/api/practice/program");
  const isAsset = ASSETS.includes(url.pathname);
  if (isPlayer || isProgram || isAsset) event.respondWith(networkFirst(event.request));
});
