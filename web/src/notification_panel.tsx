// The shell's notification drop-down (wide screens; phones have the Notifications tab): the
// latest few, read where one is, without leaving the page. A disclosure: the bell button
// says how many are unread and whether the panel is open; Escape or a click elsewhere
// closes it and focus returns to the bell.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Bell } from 'lucide-preact';
import { NotificationList } from './notification_list';
import { formatNumber, t } from './i18n/i18n';

export function NotificationPanel(props: { unread: number; onUnread: (n: number) => void; path: string }) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [props.path]);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (anchor.current && !anchor.current.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);
  const label = props.unread > 0 ? t('notifications.bell_unread', { count: props.unread }) : t('nav.notifications');
  return (
    <div class="notif-anchor" ref={anchor}>
      <button type="button" ref={button} class="icon-button bell" aria-expanded={open} aria-controls="notif-panel"
        aria-label={label} onClick={() => setOpen(!open)}>
        <Bell size={20} aria-hidden="true" />
        {props.unread > 0 && <span class="badge" aria-hidden="true">{formatNumber(props.unread)}</span>}
      </button>
      {open && (
        <div id="notif-panel" class="notif-panel" role="region" aria-label={t('notifications.latest')}>
          <NotificationList limit={8} onUnread={props.onUnread} onOpened={() => setOpen(false)} more={false} />
          <a href="/notifications" class="small">{t('notifications.see_all')}</a>
        </div>
      )}
    </div>
  );
}
