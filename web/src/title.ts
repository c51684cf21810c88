// Page titles: "<what> · Agora". The frame sets the section's on every route change; a page
// that shows something named sets the name once it has loaded it.
import { t, type MessageId } from './i18n/i18n';

export function setTitle(what: string) {
  document.title = what ? `${what} · Agora` : 'Agora';
}

// Signed out, by path (anything else is the sign-in page).
const SIGNED_OUT: Record<string, MessageId> = {
  '/setup': 'title.setup', '/forgot': 'title.forgot', '/activate': 'title.activate', '/reset': 'title.reset',
  '/invite': 'title.invite', '/unsubscribe': 'title.unsubscribe',
};
// Signed in: the sections by path, then the pages under a prefix.
const SECTIONS: Record<string, MessageId> = {
  '/': 'nav.home', '/people': 'nav.people', '/communities': 'nav.communities', '/notifications': 'nav.notifications',
  '/settings': 'nav.account', '/admin/users': 'nav.people_admin', '/search': 'search.heading', '/blogs': 'nav.blogs',
};
const UNDER: [string, MessageId][] = [
  ['/people/', 'title.profile'], ['/communities/', 'title.community'], ['/posts/', 'title.post'], ['/topics/', 'title.topic'], ['/blogs/', 'title.blog'],
];

export function sectionTitle(path: string, signedIn: boolean): string {
  if (!signedIn) return t(SIGNED_OUT[path] ?? 'title.sign_in');
  if (SECTIONS[path]) return t(SECTIONS[path]);
  const under = UNDER.find(([prefix]) => path.startsWith(prefix));
  if (under) return t(under[1]);
  if (path.startsWith('/tags/')) return `#${decodeURIComponent(path.slice('/tags/'.length))}`;
  return 'Agora';
}
