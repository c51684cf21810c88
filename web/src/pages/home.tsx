import type { User } from '../api';
import { PageHeading } from '../components';

const roleText: Record<User['role'], string> = {
  admin: 'an administrator',
  member: 'a member',
  guest: 'a guest',
  alumnus: 'an alumnus',
};

export function HomePage(props: { user: User }) {
  return (
    <section>
      <PageHeading>Welcome, {props.user.display_name}</PageHeading>
      <p>
        You are signed in as <strong>{props.user.email}</strong> (@{props.user.handle}), {roleText[props.user.role]}.
      </p>
      <p>
        Manage your password, sign-ins and personal access tokens under <a href="/settings">Account</a>.
        {props.user.role === 'admin' && (
          <>
            {' '}
            Add people and set their roles under <a href="/admin/users">People admin</a>.
          </>
        )}
      </p>
    </section>
  );
}
