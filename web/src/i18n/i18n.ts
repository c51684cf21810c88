// Every text of the interface comes from here: t(id, values) looks the id up in the active
// language's catalog (messages/<code>.json, ICU MessageFormat: plurals and selects by CLDR
// rules, through FormatJS's intl-messageformat) and formats it. English is the source; each
// catalog holds the same ids (checked by web/checks/catalogs.test.ts in `make test`). Only the active
// language's catalog is loaded: each is a chunk of its own, fetched on demand.
//
// Numbers, dates and relative times go through the browser's Intl in the same language.
import { IntlMessageFormat } from 'intl-messageformat';
import { cloneElement, isValidElement, type ComponentChildren } from 'preact';
import type en from './messages/en.json';
import { directionOf, isLanguage, SOURCE_LANGUAGE, type Language } from './languages';
import { isPlain } from './plain';

export type MessageId = keyof typeof en;
type Values = Record<string, string | number | Date | ComponentChildren | ((chunks: ComponentChildren[]) => ComponentChildren)>;

// Each catalog as written (dev server, tests) or as parsed at build time (vite.config.ts).
type Catalog = Record<string, string | IntlMessageFormat['ast']>;
const catalogs = import.meta.glob<Catalog>('./messages/*.json', { import: 'default' });

let active: Language = SOURCE_LANGUAGE;
let catalog: Catalog = {};
const compiled = new Map<string, IntlMessageFormat>();
const listeners = new Set<(l: Language) => void>();

export function language(): Language {
  return active;
}

// Loads a language's catalog and makes it the active one; the page's lang and dir follow.
// Listeners (the app frame) re-render with it.
export async function setLanguage(code: Language): Promise<void> {
  const load = catalogs[`./messages/${code}.json`];
  if (!load) throw new Error(`no catalog for ${code}`);
  const loaded = await load();
  active = code;
  catalog = loaded;
  compiled.clear();
  if (typeof document !== 'undefined') {
    document.documentElement.lang = code;
    document.documentElement.dir = directionOf(code);
  }
  try {
    localStorage.setItem(STORED, code);
  } catch {
    // storage refused: the next visit starts from the browser's languages
  }
  if (typeof document !== 'undefined') {
    // For the server: the next page load comes with this language's catalog preloaded.
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${LANGUAGE_COOKIE}=${code}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
  }
  listeners.forEach((fn) => fn(code));
}

export function onLanguageChange(fn: (l: Language) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// The language the last visit ended in: its catalog is fetched while the session is asked,
// so that the first screen is in the right language without waiting for the server.
const STORED = 'agora.language';
const LANGUAGE_COOKIE = 'agora_language';
export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORED);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

// One set of Intl formatters for every message (the library makes a set per message by
// default): a plural rule or number format is built once per language, not once per text.
function memo<A extends unknown[], T>(make: (...args: A) => T): (...args: A) => T {
  const made = new Map<string, T>();
  return (...args: A) => {
    const key = JSON.stringify(args);
    let value = made.get(key);
    if (value === undefined) {
      value = make(...args);
      made.set(key, value);
    }
    return value;
  };
}
const formatters = {
  getNumberFormat: memo((...a: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...a)),
  getDateTimeFormat: memo((...a: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...a)),
  getPluralRules: memo((...a: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...a)),
};
// And the ones the interface uses beside messages (lists, relative times), kept the same way.
const listFormat = memo((locale: string) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }));
const relativeTime = memo((locale: string) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' }));

function formatter(id: string): IntlMessageFormat {
  let f = compiled.get(id);
  if (!f) {
    const entry = catalog[id] ?? id;
    // Plain text needs no parser (the build leaves it out): a one-literal tree.
    const message = typeof entry === 'string' && isPlain(entry) ? [{ type: 0, value: entry }] : entry;
    f = new IntlMessageFormat(message as IntlMessageFormat['ast'], active, undefined, { formatters });
    compiled.set(id, f);
  }
  return f;
}

// A message as text.
export function t(id: MessageId, values?: Record<string, string | number | Date>): string {
  const entry = catalog[id];
  if (typeof entry === 'string' && isPlain(entry)) return entry;
  return String(formatter(id).format(values));
}

// A message with markup: tags in the message (<link>…</link>) become what `values` gives
// for them (a function of the tag's content), and values may be elements.
export function tx(id: MessageId, values: Values): ComponentChildren {
  const out = formatter(id).format<ComponentChildren>(values as never);
  return Array.isArray(out) ? out.map(keyed) : out;
}

// Elements in a list need keys of their own.
function keyed(part: ComponentChildren, i: number): ComponentChildren {
  return isValidElement(part) ? cloneElement(part, { key: i }) : part;
}

// Elements joined as the language joins a list ("A, B and C", "A, B и C", "A, B y C").
export function listOf(items: ComponentChildren[]): ComponentChildren {
  const parts = listFormat(active).formatToParts(items.map((_, i) => `\u0000${i}`));
  return parts.map((p, i) => (p.type === 'element' ? keyed(items[Number(p.value.slice(1))], i) : p.value));
}

export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return formatters.getNumberFormat(active, options).format(n);
}

// "a photo, your job title and what people can ask you about", with the language's own "and".
export function formatList(items: string[]): string {
  return listFormat(active).format(items);
}

export function formatDate(iso: string | number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return formatters.getDateTimeFormat(active, options).format(new Date(iso));
}

export function formatDateTime(iso: string | number | Date): string {
  return formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
}

// "just now", "5 minutes ago", "3 hours ago", then the date: in the active language.
export function timeAgo(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return t('time.just_now');
  const rtf = relativeTime(active);
  if (s < 3600) return rtf.format(-Math.floor(s / 60), 'minute');
  if (s < 86400) return rtf.format(-Math.floor(s / 3600), 'hour');
  return formatDate(iso);
}
