// Keyboard shortcuts for reading a feed, as in the products people know: j and k move to the
// next and previous post (focus moves to it, so Tab then reaches its actions), n starts a new
// post. Never while one is typing, and never with a modifier key (the browser's own).
export function feedShortcut(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return false;
  if (e.key === 'n') {
    const box = document.getElementById('composer-body');
    if (!box) return false;
    box.focus();
    return true;
  }
  if (e.key !== 'j' && e.key !== 'k') return false;
  const posts = Array.from(document.querySelectorAll<HTMLElement>('main article.post:not(.shared)'));
  if (posts.length === 0) return false;
  const at = posts.findIndex((p) => p.contains(document.activeElement));
  const next = e.key === 'j' ? Math.min(posts.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
  posts.forEach((p) => p.classList.remove('keyboard-current'));
  const post = posts[next];
  post.tabIndex = -1;
  post.classList.add('keyboard-current');
  post.focus();
  post.scrollIntoView({ block: 'nearest' });
  return true;
}
