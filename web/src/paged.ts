// A list read a page at a time, with "Show more": the items so far, the next page's loader
// when there is a next page, and the error of the last read. It starts again when `url`
// (a list route with its query, without the cursor) changes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError, type Page } from './api';

export function usePaged<T>(url: string): { items: T[] | null; more: (() => void) | null; error: string | null } {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(url);
  const load = async (from: string | null) => {
    const mine = url;
    try {
      const sep = url.includes('?') ? '&' : '?';
      const page = await api<Page<T>>('GET', from ? `${url}${sep}cursor=${encodeURIComponent(from)}` : url);
      if (asked.current !== mine) return;  // an answer for a list no longer shown
      setItems((old) => (from && old ? [...old, ...page.items] : page.items));
      setCursor(page.next_cursor);
      setError(null);
    } catch (e) {
      if (asked.current === mine) setError(describeError(e));
    }
  };
  useEffect(() => {
    asked.current = url;
    load(null);
  }, [url]);
  return { items, more: cursor ? () => load(cursor) : null, error };
}
