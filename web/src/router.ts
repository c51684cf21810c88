// A minimal history-API router: the server answers every non-file path with index.html.
import { useEffect, useState } from 'preact/hooks';

let navigated = false;
// True once the person has moved between pages in this tab: only then does a new page take
// keyboard focus (on first load, focus starts at the top, where the skip link is).
export function hasNavigated(): boolean {
  return navigated;
}

// `path` may carry a query ("/people?expertise=go"): pages read theirs from location.search.
export function navigate(path: string) {
  navigated = true;
  if (path !== location.pathname + location.search) history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

// The current path, and the whole address (path and query) as `key`: a page rendered with
// it as its key starts afresh when the query changes (an expertise link on /people).
export function usePath(): { path: string; key: string } {
  const [at, setAt] = useState({ path: location.pathname, key: location.pathname + location.search });
  useEffect(() => {
    const onPop = () => setAt({ path: location.pathname, key: location.pathname + location.search });
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return at;
}

// Intercepts clicks on same-origin links so navigation does not reload the page.
export function onLinkClick(e: MouseEvent) {
  const a = (e.target as HTMLElement).closest('a');
  if (!a || a.origin !== location.origin || e.ctrlKey || e.metaKey || e.shiftKey || a.target) return;
  if (a.hash && a.pathname === location.pathname) return; // in-page anchors such as the skip link
  // Files the server sends (an attached file in a page's text, a download): not pages of this client.
  if (a.hasAttribute('download') || a.pathname.startsWith('/api/')) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
}

// A value from the address's fragment (#token=...), kept current: someone who opens /setup
// and then pastes the whole link into the same tab changes only the fragment.
export function useHashParam(name: string): string {
  const read = () => new URLSearchParams(location.hash.slice(1)).get(name) ?? '';
  const [value, setValue] = useState(read);
  useEffect(() => {
    const onHash = () => setValue(read());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return value;
}
