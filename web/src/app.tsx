// The application frame: decides between first-admin setup, sign-in and the signed-in app,
// and renders the navigation for what exists today.
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken, type User } from './api';
import { navigate, onLinkClick, usePath } from './router';
import { startStream, stopStream, subscribe } from './stream';
import { SetupPage } from './pages/setup';
import { SignInPage } from './pages/signin';
import { InvitePage } from './pages/invite';
import { ForgotPasswordPage } from './pages/forgot';
import { SetPasswordPage } from './pages/set_password';
import { UnsubscribePage } from './pages/unsubscribe';
import { HomePage } from './pages/home';
import { AccountPage } from './pages/account';
import { AdminUsersPage } from './pages/admin_users';
import { ProfilePage } from './pages/profile';
import { DirectoryPage } from './pages/directory';
import { NotificationsPage } from './pages/notifications';
import { PostPage } from './pages/post';
import { TagPage } from './pages/tag';
import { CommunitiesPage, CommunityPage } from './pages/communities';
import { TopicPage } from './pages/topic';

interface SessionState {
  user: User;
  csrf_token?: string;
}

export function App() {
  const path = usePath();
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    api<SessionState>('GET', '/api/v1/auth/session')
      .then((s) => {
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
    api<{ unread: number }>('GET', '/api/v1/notifications?limit=1')
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

  const signedIn = (s: SessionState) => {
    setCsrfToken(s.csrf_token ?? '');
    setUser(s.user);
    if (path === '/setup' || path === '/signin' || path === '/activate' || path === '/reset' || path === '/forgot') navigate('/');
  };

  if (loading)
    return (
      <main id="main">
        <p class="loading" role="status">
          Loading…
        </p>
      </main>
    );
  if (path === '/setup' && !user) return <SetupPage onDone={signedIn} />;
  if (path === '/invite' && !user) return <InvitePage />;
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
      const answer = await api<{ end_session_url?: string } | undefined>('POST', '/api/v1/auth/logout');
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
  if (path === '/settings') page = <AccountPage user={user} onSignedOut={() => setUser(null)} />;
  else if (path === '/admin/users' && user.role === 'admin') page = <AdminUsersPage me={user} />;
  else if (path === '/people') page = <DirectoryPage />;
  else if (path === '/notifications') page = <NotificationsPage onUnread={setUnread} />;
  else if (path.startsWith('/posts/')) page = <PostPage id={decodeURIComponent(path.slice('/posts/'.length))} />;
  else if (path === '/communities') page = <CommunitiesPage user={user} />;
  else if (path.startsWith('/communities/')) page = <CommunityPage handle={decodeURIComponent(path.slice('/communities/'.length))} user={user} />;
  else if (path.startsWith('/topics/')) page = <TopicPage id={decodeURIComponent(path.slice('/topics/'.length))} />;
  else if (path.startsWith('/tags/')) page = <TagPage tag={decodeURIComponent(path.slice('/tags/'.length))} />;
  else if (path.startsWith('/people/')) page = <ProfilePage handle={decodeURIComponent(path.slice('/people/'.length))} myId={user.id} />;
  else page = <HomePage user={user} />;

  const link = (href: string, label: string) => (
    <a href={href} aria-current={path === href ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <div class="frame" onClick={onLinkClick}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">Agora</span>
        <nav aria-label="Main">
          {link('/', 'Home')}
          {link('/people', 'People')}
          {link('/communities', 'Communities')}
          <a href="/notifications" aria-current={path === '/notifications' ? 'page' : undefined} data-testid="notifications-link">
            Notifications
            {unread > 0 && (
              <span class="badge" data-testid="unread-count">
                {unread}
                <span class="visually-hidden"> unread</span>
              </span>
            )}
          </a>
          {link(`/people/${user.handle}`, 'My profile')}
          {link('/settings', 'Account')}
          {user.role === 'admin' && link('/admin/users', 'People admin')}
        </nav>
        <span class="me" data-testid="current-user">
          {user.display_name}
        </span>
        <button type="button" class="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}
