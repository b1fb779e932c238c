// Bureau's service worker: shows Web Push notifications and opens what they are about. It caches no
// pages (the server serves the app fresh); it only remembers which pushes it has shown.

const SEEN_CACHE = 'bureau-push-seen';
const SEEN_MAX = 200;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** A URL of this origin only: whatever a payload says, a click never leads elsewhere. */
function ownUrl(url) {
  try {
    const target = new URL(url || '/', self.location.origin);
    return target.origin === self.location.origin ? target.href : `${self.location.origin}/`;
  } catch {
    return `${self.location.origin}/`;
  }
}

/**
 * True the first time a push id is seen. The server may send a message twice when a push service
 * took it but its answer was lost (the job is retried): the repeat must not alert the person again.
 */
async function firstTime(id) {
  if (!id) return true;
  const cache = await caches.open(SEEN_CACHE);
  const key = new Request(`/__push-seen/${encodeURIComponent(id)}`);
  if (await cache.match(key)) return false;
  await cache.put(key, new Response(''));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - SEEN_MAX))) await cache.delete(old);
  return true;
}

self.addEventListener('push', (event) => {
  event.waitUntil(
    (async () => {
      let data = {};
      try {
        data = event.data ? event.data.json() : {};
      } catch {
        data = {};
      }
      if (!(await firstTime(data.id))) return;
      await self.registration.showNotification(data.title || 'Bureau', {
        body: data.body || '',
        icon: '/icons/icon-192.png',
        badge: '/icons/badge-96.png',
        // One notification per conversation: a newer message replaces the older one, and alerts again.
        tag: data.tag || data.id,
        renotify: Boolean(data.tag || data.id),
        data: { url: ownUrl(data.url) },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = ownUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.filter((client) => new URL(client.url).origin === self.location.origin);
      const tab = open.find((client) => client.focused) || open[0];
      if (tab) {
        // A browser may refuse focus (it allows it only within the click): the tab still goes to the URL.
        await tab.focus().catch(() => {});
        if (tab.url === url) return;
        try {
          // navigate() needs a tab this worker controls (clients.claim() made every open tab one).
          if (await tab.navigate(url)) return;
        } catch {
          // Not controlled after all: a new window below.
        }
      }
      await self.clients.openWindow(url);
    })(),
  );
});
