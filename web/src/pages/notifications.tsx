// Notifications, newest activity first; opening one marks it read; "Mark all read".
import { PageHeading } from '../components';
import { NotificationList } from '../notification_list';
import { t } from '../i18n/i18n';

export function NotificationsPage(props: { onUnread: (n: number) => void }) {
  return (
    <section>
      <PageHeading>{t('nav.notifications')}</PageHeading>
      <NotificationList limit={30} onUnread={props.onUnread} />
      <p><a href="/settings#notifications">{t('notifications.choose')}</a></p>
    </section>
  );
}
