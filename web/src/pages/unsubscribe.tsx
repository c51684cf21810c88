// The page of the "Unsubscribe" link in a notification mail (/unsubscribe#token=...): asks
// before it changes anything, since mail scanners open links on their own.
import { useState } from 'preact/hooks';
import { api, describeError } from '../api';
import { Alert, Notice, PageHeading } from '../components';

export function UnsubscribePage() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const kind = token.split('.')[1] ?? '';
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const what = kind === 'digest' ? 'digest e-mails' : `e-mails when ${kindText(kind)}`;

  const confirm = async () => {
    setError(null);
    try {
      await api('POST', `/api/v1/mail/unsubscribe/${encodeURIComponent(token)}`);
      setDone(true);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <main id="main" class="narrow">
      <PageHeading>Unsubscribe</PageHeading>
      <Alert message={error} />
      {done ? (
        <Notice>
          Done: no more {what}. You still see these notifications in Agora. You can change this any time in your <a href="/settings">settings</a>.
        </Notice>
      ) : (
        <>
          <p>Stop {what}? You will still see these notifications in Agora.</p>
          <button type="button" onClick={confirm}>
            Stop these e-mails
          </button>
        </>
      )}
    </main>
  );
}

function kindText(kind: string): string {
  const texts: Record<string, string> = {
    mention: 'someone mentions you',
    reply: 'someone replies to your comment',
    comment: 'someone comments on your post',
    reaction: 'someone reacts to your post',
    follow: 'someone follows you',
    share: 'someone shares your post',
    community_invite: 'you are invited to a community',
    community_request: 'someone asks to join your community',
    community_accepted: 'your request to join a community is accepted',
  };
  return texts[kind] ?? 'this happens';
}
