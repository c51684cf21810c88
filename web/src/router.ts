// A minimal history-API router: the server answers every non-file path with index.html.
import { useEffect, useState } from 'preact/hooks';

let navigated = false;
// True once the person has moved between pages in this tab: only then does a new page take
// keyboard focus (on first load, focus starts at the top, where the skip link is).
export function hasNavigated(): boolean {
  return navigated;
}

export function navigate(path: string) {
  navigated = true;
  if (path !== location.pathname) history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return path;
}

// Intercepts clicks on same-origin links so navigation does not reload the page.
export function onLinkClick(e: MouseEvent) {
  const a = (e.target as HTMLElement).closest('a');
  if (!a || a.origin !== location.origin || e.ctrlKey || e.metaKey || e.shiftKey || a.target) return;
  if (a.hash && a.pathname === location.pathname) return; // in-page anchors such as the skip link
  e.preventDefault();
  navigate(a.pathname);
}
