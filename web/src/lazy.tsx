// Pages most people never open (administration, account settings, the one-time setup and
// invitation pages) load on first use, so the first page fetches less. A failed load (the
// network went away) says so instead of showing nothing.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Alert } from './components';
import { t } from './i18n/i18n';

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Page) return;
      load().then(
        (c) => {
          loaded = c;
          setPage(() => c);
        },
        () => setFailed(true),
      );
    }, []);
    if (failed) return <Alert message={t('lazy.failed')} />;
    if (!Page) return <p class="muted" role="status">{t('common.loading')}</p>;
    return <Page {...props} />;
  };
}

// Runs `fn` once the page's own content has had its turn: what only helps (suggestions,
// navigation extras) waits a moment so the requests that show the page go first.
export function whenIdle(fn: () => void): () => void {
  const t = setTimeout(fn, 400);
  return () => clearTimeout(t);
}

