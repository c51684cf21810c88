// Notifications, newest activity first; opening one marks it read; "Mark all read".
import { PageHeading } from '../components';
import { NotificationList } from '../notification_list';

export function NotificationsPage(props: { onUnread: (n: number) => void }) {
  return (
    <section>
      <PageHeading>Notifications</PageHeading>
      <NotificationList limit={30} onUnread={props.onUnread} />
      <p><a href="/settings#notifications">Choose what you are notified of</a></p>
    </section>
  );
}
