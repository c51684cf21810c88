// Installable: the service worker (public/sw.js) is registered once the page has loaded, so
// it never competes with the first render. Browsers allow it on https and on localhost
// only; elsewhere (plain http on a LAN name) the client works as before, just not
// installable.
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Not fatal: the app works without it (it is only not installable, not offline-aware).
    });
  // Called once the first screen is drawn, which may be after the page's load event.
  if (document.readyState === 'complete') register();
  else addEventListener('load', register);
}
