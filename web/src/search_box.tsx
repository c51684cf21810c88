// The search box in the top bar: suggestions as one types (people by name, then communities
// and hashtags the reader may see, from /api/v1/search/suggest), Enter for the results page.
// The WAI-ARIA combobox pattern: arrows move through the list, Enter opens the chosen
// suggestion (or searches for what was typed when none is chosen), Escape closes the list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Search } from 'lucide-preact';
import { api, type Answer } from './api';
import { Avatar } from './components';
import { navigate } from './router';
import { t } from './i18n/i18n';

type Suggestions = Answer<'/api/v1/search/suggest', 'get'>;
interface Option {
  key: string;
  href: string;
  label: string;
  detail?: string;
  person?: Suggestions['people'][number];
}

export function searchPath(q: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({ q, ...params });
  return `/search?${query}`;
}

function optionsOf(s: Suggestions | null, q: string): Option[] {
  const options: Option[] = [{ key: 'search', href: searchPath(q.trim()), label: t('search.for', { q: q.trim() }) }];
  if (!s) return options;
  for (const p of s.people)
    options.push({ key: `p${p.id}`, href: `/people/${encodeURIComponent(p.handle)}`, label: p.display_name, detail: p.title || undefined, person: p });
  for (const c of s.communities)
    options.push({ key: `c${c.id}`, href: `/communities/${encodeURIComponent(c.handle)}`, label: c.name, detail: t('search.one.community') });
  for (const tag of s.tags) options.push({ key: `t${tag}`, href: `/tags/${encodeURIComponent(tag)}`, label: `#${tag}`, detail: t('search.tag') });
  return options;
}

export function SearchBox(props: { path: string }) {
  const [q, setQ] = useState(() => (props.path === '/search' ? new URLSearchParams(location.search).get('q') ?? '' : ''));
  const [found, setFound] = useState<Suggestions | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const asked = useRef(0);
  useEffect(() => {
    const mine = ++asked.current;
    if (!q.trim()) {
      setFound(null);
      return;
    }
    const timer = setTimeout(() => {
      api<Suggestions>('GET', `/api/v1/search/suggest?q=${encodeURIComponent(q.trim())}`).then(
        (s) => { if (mine === asked.current) setFound(s); },
        () => { if (mine === asked.current) setFound(null); },
      );
    }, 120);
    return () => clearTimeout(timer);
  }, [q]);
  // Leaving the results page empties the box; arriving on it shows its query.
  useEffect(() => {
    if (props.path === '/search') setQ(new URLSearchParams(location.search).get('q') ?? '');
    else setQ('');
    setOpen(false);
  }, [props.path]);
  const options = q.trim() ? optionsOf(found, q) : [];
  const showing = open && options.length > 0;
  const listId = 'search-suggestions';
  const go = (href: string) => {
    setOpen(false);
    setActive(-1);
    navigate(href);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((active + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (showing && active >= 0) go(options[active].href);
      else if (q.trim()) go(searchPath(q.trim()));
    } else if (e.key === 'Escape') {
      if (open) e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };
  return (
    <form role="search" class="search-box" onSubmit={(e) => { e.preventDefault(); if (q.trim()) go(searchPath(q.trim())); }}>
      <label for="search-input" class="visually-hidden">{t('search.label')}</label>
      <div class="suggest-anchor">
        <Search size={18} aria-hidden="true" class="search-icon" />
        <input id="search-input" type="search" role="combobox" autocomplete="off" enterkeyhint="search" value={q}
          placeholder={t('search.placeholder')} aria-expanded={showing} aria-controls={listId} aria-autocomplete="list"
          aria-activedescendant={showing && active >= 0 ? `${listId}-${active}` : undefined}
          onInput={(e) => { setQ((e.target as HTMLInputElement).value); setOpen(true); setActive(-1); }}
          onKeyDown={onKey} onBlur={() => setOpen(false)} onFocus={() => setOpen(true)} />
        {showing && (
          <ul id={listId} role="listbox" class="suggest-list" aria-label={t('search.suggestions')}>
            {options.map((o, i) => (
              <li key={o.key} id={`${listId}-${i}`} role="option" aria-selected={i === active}
                onMouseDown={(e) => { e.preventDefault(); go(o.href); }}>
                {o.person ? <Avatar name={o.person.display_name} photo={o.person.photo} size={28} /> : o.key === 'search' ? <Search size={18} aria-hidden="true" /> : null}
                <span>{o.label}</span>
                {o.detail && <span class="muted small"> · {o.detail}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p class="visually-hidden" role="status">{showing ? t('search.suggestions_count', { count: options.length - 1 }) : ''}</p>
    </form>
  );
}
