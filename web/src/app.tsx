// The application frame: decides between first-admin setup, sign-in and the signed-in app,
// and renders the navigation for what exists today.
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { api, setCsrfToken, type User, type Answer } from './api';
import { navigate, onLinkClick, usePath } from './router';
import { NotificationPanel } from './notification_panel';
import { sectionTitle, setTitle } from './title';
import { Bell, CircleUser, House, Menu, MessagesSquare, Users } from 'lucide-preact';
import { startStream, stopStream, subscribe } from './stream';
import { SignInPage } from './pages/signin';
import { ForgotPasswordPage } from './pages/forgot';
import { HomePage } from './pages/home';
import { ProfilePage } from './pages/profile';
import { FollowsPage } from './pages/follows';
import { DirectoryPage } from './pages/directory';
import { NotificationsPage } from './pages/notifications';
import { PostPage } from './pages/post';
import { SearchPage } from './pages/search';
import { SearchBox } from './search_box';
import { TagPage } from './pages/tag';
import { CommunitiesPage, CommunityPage } from './pages/communities';
import { TopicPage } from './pages/topic';
import { ConfirmHost } from './confirm';
import { ToastHost } from './toast';
import { MyCommunities } from './my_communities';
import { feedShortcut } from './shortcuts';
import { lazyPage } from './lazy';
import { formatNumber, language, onLanguageChange, setLanguage, t } from './i18n/i18n';
import { isLanguage } from './i18n/languages';
import { startSession, type SessionAnswer } from './early';

// Loaded on first use (lazy.tsx): few people open these, and not often.
const SetupPage = lazyPage(() => import('./pages/setup').then((m) => m.SetupPage));
const InvitePage = lazyPage(() => import('./pages/invite').then((m) => m.InvitePage));
const SetPasswordPage = lazyPage(() => import('./pages/set_password').then((m) => m.SetPasswordPage));
const UnsubscribePage = lazyPage(() => import('./pages/unsubscribe').then((m) => m.UnsubscribePage));
const AccountPage = lazyPage(() => import('./pages/account').then((m) => m.AccountPage));
const AdminUsersPage = lazyPage(() => import('./pages/admin_users').then((m) => m.AdminUsersPage));
const BlogsPage = lazyPage(() => import('./pages/blogs').then((m) => m.BlogsPage));
const BlogPage = lazyPage(() => import('./pages/blogs').then((m) => m.BlogPage));
const BlogEntryPage = lazyPage(() => import('./pages/blog_entry').then((m) => m.BlogEntryPage));
const BlogEntryEditor = lazyPage(() => import('./pages/blog_entry').then((m) => m.BlogEntryEditor));
const BlogArchivePage = lazyPage(() => import('./pages/blog_archive').then((m) => m.BlogArchivePage));
const WikiSpacesPage = lazyPage(() => import('./pages/wiki').then((m) => m.WikiSpacesPage));
const WikiSpacePage = lazyPage(() => import('./pages/wiki').then((m) => m.WikiSpacePage));
const WikiPageView = lazyPage(() => import('./pages/wiki_page').then((m) => m.WikiPageView));
const WikiPageById = lazyPage(() => import('./pages/wiki_page').then((m) => m.WikiPageById));
const WikiLinksHere = lazyPage(() => import('./pages/wiki_page').then((m) => m.WikiLinksHere));
const WikiEditor = lazyPage(() => import('./pages/wiki_editor').then((m) => m.WikiEditor));
const WikiHistory = lazyPage(() => import('./pages/wiki_history').then((m) => m.WikiHistory));

// The wiki's pages under /wiki/{space}: the space; a page by its slug; its editor, history and
// "what links here"; a new page (_new: no title's key begins with '_').
function wikiPage(path: string, me: string) {
  let parts: string[];
  try {
    parts = path.split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  const [, , space, slug, what, ...rest] = parts;
  if (!space || rest.length > 0) return null;
  if (!slug) return <WikiSpacePage handle={space} />;
  if (slug === '_new' && !what) {
    const asked = new URLSearchParams(location.search);
    return <WikiEditor space={space} title={asked.get('title') ?? ''} parent={asked.get('parent') ?? undefined} />;
  }
  if (!what) return <WikiPageView space={space} slug={slug} me={me} />;
  if (what === 'edit') return <WikiEditor space={space} slug={slug} me={me} />;
  if (what === 'history') return <WikiHistory space={space} slug={slug} />;
  if (what === 'links') return <WikiLinksHere space={space} slug={slug} />;
  return null;
}

// The blog pages under /blogs/{blog}: the blog, "write" (a new entry or, with its id, one's
// edits), an entry.
function blogPage(path: string, me: string) {
  let parts: string[];
  try {
    parts = path.split('/').map(decodeURIComponent);
  } catch {
    return null;  // a malformed address: the home page, as for any unknown one
  }
  const [, , blog, ...rest] = parts;
  if (!blog) return null;
  if (rest.length === 0) return <BlogPage handle={blog} />;
  // (Four segments after /blogs/ are a public entry's page, which the server renders.)
  if (rest.length === 1 && rest[0] === 'write') return <BlogEntryEditor blog={blog} me={me} />;
  if (rest.length === 2 && rest[0] === 'write') return <BlogEntryEditor blog={blog} id={rest[1]} me={me} />;
  if (rest.length === 2 && rest[0] === 'entries') return <BlogEntryPage blog={blog} id={rest[1]} me={me} />;
  return null;
}

export function App() {
  const { path, key: address } = usePath();
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [unread, setUnread] = useState(0);
  const [menuOpen, setMenuOpen] = useState(false);
  // Every text comes from the active catalog (i18n.ts): a new language draws the app again.
  const [lang, setLang] = useState(language());
  useEffect(() => onLanguageChange(setLang), []);
  // An address with a fragment (#notifications) scrolls to it once the page has drawn it.
  useEffect(() => {
    const id = location.hash.slice(1);
    if (!id) return;
    const t = setTimeout(() => document.getElementById(id)?.scrollIntoView(), 300);
    return () => clearTimeout(t);
  }, [address]);
  // j / k / n on any page with a feed (shortcuts.ts).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (feedShortcut(e)) e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  // The phone menu closes when the page changes.
  useEffect(() => setMenuOpen(false), [path]);
  // Every page has a title of its own (browser tabs, history, screen readers); pages that
  // show something named (a person, a community) put its name first once they have it.
  // Before the browser paints (a layout effect), so that the title never lags the page.
  useLayoutEffect(() => setTitle(sectionTitle(path, user !== null)), [path, user, lang]);

  useEffect(() => {
    startSession()
      .then((s) => {
        // The server knows the person's choice, their browser's languages and the site's default.
        if (isLanguage(s.language) && s.language !== language()) setLanguage(s.language).catch(() => {});
        setCsrfToken(s.csrf_token ?? '');
        setUser(s.user);
      })
      .catch(() => setUser(null))
      .finally(() => setLoading(false));
  }, []);

  // The unread count in the header, refreshed on every page change (live push comes with
  // the stream).
  useEffect(() => {
    if (!user) return;
    api<Answer<'/api/v1/notifications', 'get'>>('GET', '/api/v1/notifications?limit=1')
      .then((n) => setUnread(n.unread))
      .catch(() => {});
  }, [user, path]);

  // Live: the unread count follows the stream while signed in.
  useEffect(() => {
    if (!user) return;
    startStream();
    const off = subscribe<{ unread: number }>('notifications', (e) => setUnread(e.data.unread));
    return () => {
      off();
      stopStream();
    };
  }, [user]);

  const signedIn = (s: SessionAnswer) => {
    setCsrfToken(s.csrf_token ?? '');
    setUser(s.user);
    if (path === '/setup' || path === '/signin' || path === '/activate' || path === '/reset' || path === '/forgot') navigate('/');
  };

  if (loading)
    return (
      <main id="main">
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      </main>
    );
  if (path === '/setup' && !user) return <SetupPage onDone={signedIn} />;
  if (path === '/invite' && !user) return <InvitePage onSignedIn={signedIn} />;
  // A mailed link sets a password whoever is signed in on this browser: it signs its owner in.
  if (path === '/activate' || path === '/reset') return <SetPasswordPage onSignedIn={signedIn} />;
  if (path === '/forgot' && !user) return <ForgotPasswordPage />;
  if (path === '/unsubscribe') return <UnsubscribePage />;
  if (!user) return <SignInPage onSignedIn={signedIn} />;

  const signOut = async () => {
    let providerSignOut: string | undefined;
    try {
      // A session that began at an identity provider ends there too: the browser goes to the
      // provider's sign-out page, which comes back to /signin.
      const answer = await api<Answer<'/api/v1/auth/logout', 'post'> | undefined>('POST', '/api/v1/auth/logout');
      providerSignOut = answer?.end_session_url;
    } catch {
      // Signed out here either way: the session may have ended already.
    }
    setCsrfToken('');
    if (providerSignOut) {
      window.location.assign(providerSignOut);
      return;
    }
    setUser(null);
    navigate('/');
  };

  let page;
  const blogRoute = path.startsWith('/blogs/') ? blogPage(path, user.id) : null;
  const wikiRoute = path.startsWith('/wiki/') ? wikiPage(path, user.id) : null;
  if (path === '/settings') page = <AccountPage user={user} onSignedOut={() => setUser(null)} />;
  else if (path === '/admin/users' && user.role === 'admin') page = <AdminUsersPage me={user} />;
  else if (path === '/people') page = <DirectoryPage guest={user.role === 'guest'} />;
  else if (path === '/notifications') page = <NotificationsPage onUnread={setUnread} />;
  else if (path.startsWith('/posts/')) page = <PostPage id={decodeURIComponent(path.slice('/posts/'.length))} />;
  else if (path === '/communities') page = <CommunitiesPage user={user} />;
  else if (path.startsWith('/communities/')) page = <CommunityPage handle={decodeURIComponent(path.slice('/communities/'.length))} user={user} />;
  else if (path.startsWith('/topics/')) page = <TopicPage id={decodeURIComponent(path.slice('/topics/'.length))} />;
  else if (path === '/blogs') page = <BlogsPage role={user.role} />;
  else if (blogRoute) page = blogRoute;
  else if (path === '/blog-entries') page = <BlogArchivePage />;
  else if (path.startsWith('/blog-entries/')) page = <BlogEntryPage blog="" id={decodeURIComponent(path.slice('/blog-entries/'.length))} me={user.id} />;
  else if (path === '/wiki') page = <WikiSpacesPage role={user.role} />;
  else if (wikiRoute) page = wikiRoute;
  else if (path.startsWith('/wiki-pages/')) page = <WikiPageById id={decodeURIComponent(path.slice('/wiki-pages/'.length))} />;
  else if (path === '/search') page = <SearchPage />;
  else if (path.startsWith('/tags/')) page = <TagPage tag={decodeURIComponent(path.slice('/tags/'.length))} />;
  else if (/^\/people\/[^/]+\/(followers|following)$/.test(path)) {
    const [, , handle, which] = path.split('/');
    page = <FollowsPage handle={decodeURIComponent(handle)} which={which as 'followers' | 'following'} />;
  } else if (path.startsWith('/people/')) page = <ProfilePage handle={decodeURIComponent(path.slice('/people/'.length))} myId={user.id} />;
  else page = <HomePage user={user} />;

  // Icons are decoration beside the words (aria-hidden): the words are the links' names.
  const link = (href: string, label: string, icon?: preact.ComponentChildren) => (
    <a href={href} aria-current={path === href ? 'page' : undefined}>
      {icon}
      <span class="label">{label}</span>
    </a>
  );
  const icon = { size: 22, 'aria-hidden': true, class: 'icon' } as const;
  // One navigation, laid out by the screen (styles.css, "App shell"): a column on the left of
  // wide screens; on a phone the primary links are a tab bar at the bottom and the others
  // open from the top bar's Menu button. Each link exists once, so assistive technology and
  // tests meet one of each whatever the width.
  return (
    <div class={`frame${menuOpen ? ' menu-open' : ''}`} onClick={onLinkClick}>
      <a class="skip" href="#main">
        {t('shell.skip')}
      </a>
      <header class="topbar">
        <a class="brand" href="/">
          <img src="/icons/icon.svg" alt="" width={28} height={28} />
          <span class="brand-name">Agora</span>
        </a>
        <SearchBox path={path} />
        <NotificationPanel unread={unread} onUnread={setUnread} path={path} />
        <button
          type="button"
          class="secondary menu-button"
          aria-expanded={menuOpen}
          aria-controls="more-nav"
          onClick={(e) => {
            e.stopPropagation();
            setMenuOpen(!menuOpen);
          }}
        >
          <Menu {...icon} />
          {t('shell.menu')}
        </button>
      </header>
      <nav class="side" aria-label={t('shell.main_nav')}>
        <ul class="primary">
          <li>{link('/', t('nav.home'), <House {...icon} />)}</li>
          <li>{link('/people', t('nav.people'), <Users {...icon} />)}</li>
          <li>{link('/communities', t('nav.communities'), <MessagesSquare {...icon} />)}</li>
          <li>
            <a href="/notifications" aria-current={path === '/notifications' ? 'page' : undefined} data-testid="notifications-link">
              <Bell {...icon} />
              <span class="label">{t('nav.notifications')}</span>
              {unread > 0 && (
                <span class="badge" data-testid="unread-count">
                  {formatNumber(unread)}
                  <span class="visually-hidden"> {t('nav.unread')}</span>
                </span>
              )}
            </a>
          </li>
          <li>{link(`/people/${user.handle}`, t('nav.my_profile'), <CircleUser {...icon} />)}</li>
        </ul>
        <div class="more" id="more-nav">
          <MyCommunities onLink={(href, label) => link(href, label)} />
          <ul>
            <li>{link('/blogs', t('nav.blogs'))}</li>
            <li>{link('/wiki', t('nav.wiki'))}</li>
            <li>{link('/settings', t('nav.account'))}</li>
            {user.role === 'admin' && <li>{link('/admin/users', t('nav.people_admin'))}</li>}
          </ul>
          <p class="me" data-testid="current-user">
            {user.display_name}
          </p>
          <button type="button" class="secondary" onClick={signOut}>
            {t('shell.sign_out')}
          </button>
        </div>
      </nav>
      <main id="main" tabIndex={-1}>
        <div key={address} class="page">{page}</div>
      </main>
      <ConfirmHost />
      <ToastHost />
    </div>
  );
}
