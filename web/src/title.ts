// Page titles: "<what> · Agora". The frame sets the section's on every route change; a page
// that shows something named sets the name once it has loaded it.
import { t } from './i18n/i18n';

export function setTitle(what: string) {
  document.title = what ? `${what} · Agora` : 'Agora';
}

export function sectionTitle(path: string, signedIn: boolean): string {
  if (!signedIn) {
    if (path === '/setup') return t('title.setup');
    if (path === '/forgot') return t('title.forgot');
    if (path === '/activate') return t('title.activate');
    if (path === '/reset') return t('title.reset');
    if (path === '/invite') return t('title.invite');
    if (path === '/unsubscribe') return t('title.unsubscribe');
    return t('title.sign_in');
  }
  if (path === '/') return t('nav.home');
  if (path === '/people') return t('nav.people');
  if (path === '/communities') return t('nav.communities');
  if (path === '/notifications') return t('nav.notifications');
  if (path === '/settings') return t('nav.account');
  if (path === '/admin/users') return t('nav.people_admin');
  if (path.startsWith('/people/')) return t('title.profile');
  if (path.startsWith('/communities/')) return t('title.community');
  if (path.startsWith('/posts/')) return t('title.post');
  if (path.startsWith('/topics/')) return t('title.topic');
  if (path.startsWith('/tags/')) return `#${decodeURIComponent(path.slice('/tags/'.length))}`;
  return 'Agora';
}
