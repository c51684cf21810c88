// Agora's service worker: makes the client installable and quick to start, and says so
// plainly when the network is gone. What it keeps: the hashed build assets (/assets/*, which
// never change under one name), the icons, the manifest and the offline page. What it never
// keeps: anything under /api/ or /scim/ (a person's data stays on the server and in no
// cache), and pages themselves (always fetched, so sign-out and deployments take effect).
const CACHE = 'agora-shell-v1';
const PRECACHE = ['/offline.html', '/offline.css', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('agora-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const isPrivate = (url) => url.pathname.startsWith('/api/') || url.pathname.startsWith('/scim/');

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || isPrivate(url)) return;
  if (request.mode === 'navigate') {
    // Pages from the network; the offline page when there is none.
    event.respondWith(fetch(request).catch(() => caches.match('/offline.html')));
    return;
  }
  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname) || url.pathname.startsWith('/icons/')) {
    // Cache first: these never change under one name (or are ours to refresh on activate).
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })),
    );
  }
});
