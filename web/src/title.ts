// Page titles: "<what> · Agora". The frame sets the section's on every route change; a page
// that shows something named sets the name once it has loaded it.
export function setTitle(what: string) {
  document.title = what ? `${what} · Agora` : 'Agora';
}

export function sectionTitle(path: string, signedIn: boolean): string {
  if (!signedIn) {
    if (path === '/setup') return 'Create the first admin';
    if (path === '/forgot') return 'Forgot password';
    if (path === '/activate') return 'Activate your account';
    if (path === '/reset') return 'Choose a new password';
    if (path === '/invite') return 'Invitation';
    if (path === '/unsubscribe') return 'Unsubscribe';
    return 'Sign in';
  }
  if (path === '/') return 'Home';
  if (path === '/people') return 'People';
  if (path === '/communities') return 'Communities';
  if (path === '/notifications') return 'Notifications';
  if (path === '/settings') return 'Account';
  if (path === '/admin/users') return 'People admin';
  if (path.startsWith('/people/')) return 'Profile';
  if (path.startsWith('/communities/')) return 'Community';
  if (path.startsWith('/posts/')) return 'Post';
  if (path.startsWith('/topics/')) return 'Topic';
  if (path.startsWith('/tags/')) return `#${decodeURIComponent(path.slice('/tags/'.length))}`;
  return 'Agora';
}
