// Requests the first screen needs, started before the code that shows it asks: the session
// while the script still loads (index.html preloads it), and the home feed as soon as the
// session says someone is signed in, instead of after the app shell has rendered. A page
// takes an early answer once (takeEarly) and asks normally after that.
import { api, type User } from './api';

// An answer nobody took within this time (the person went elsewhere first) is not used: a
// later visit asks again rather than show something old.
const FRESH_MS = 10_000;
const early = new Map<string, { answer: Promise<unknown>; at: number }>();

export function fetchEarly(path: string) {
  const answer = api('GET', path);
  answer.catch(() => {}); // whoever takes it sees the error; unclaimed, it is not "unhandled"
  early.set(path, { answer, at: Date.now() });
}

export function takeEarly<T>(path: string): Promise<T> | null {
  const found = early.get(path);
  early.delete(path);
  return found && Date.now() - found.at < FRESH_MS ? (found.answer as Promise<T>) : null;
}

// Who is signed in and which language to show. Asked once, as the page starts (main.tsx), while
// the language's catalog loads; when it answers, what the page shows first is asked for at once.
export interface SessionAnswer {
  user: User | null; // null: signed out
  csrf_token?: string;
  language?: string; // the one to show: the person's choice, else their browser's, else the site's
}
let session: Promise<SessionAnswer> | null = null;
export function startSession(): Promise<SessionAnswer> {
  session ??= api<SessionAnswer>('GET', '/api/v1/auth/session').then((s) => {
    if (s.user) fetchFirstContent(location.pathname, location.hash);
    return s;
  });
  return session;
}

// What the page at `pathname` asks for first, asked now (the same path its page builds):
// the home feed's first page, a profile, a community.
export function fetchFirstContent(pathname: string, hash: string) {
  const rest = (prefix: string) => {
    const tail = pathname.slice(prefix.length);
    return pathname.startsWith(prefix) && tail && !tail.includes('/') ? encodeURIComponent(decodeURIComponent(tail)) : null;
  };
  if (pathname === '/' && !hash) fetchEarly('/api/v1/feed?limit=20');
  else if (rest('/people/')) fetchEarly(`/api/v1/people/${rest('/people/')}`);
  else if (rest('/communities/')) fetchEarly(`/api/v1/communities/${rest('/communities/')}`);
}
