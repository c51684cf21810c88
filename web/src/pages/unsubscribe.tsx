// The page of the "Unsubscribe" link in a notification mail (/unsubscribe#token=...): asks
// before it changes anything, since mail scanners open links on their own.
import { useState } from 'preact/hooks';
import { api, describeError } from '../api';
import { Alert, Notice, PageHeading } from '../components';
import { t, tx } from '../i18n/i18n';

export function UnsubscribePage() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const kind = token.split('.')[1] ?? '';
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const what = t('unsubscribe.what', { kind });

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
      <PageHeading>{t('title.unsubscribe')}</PageHeading>
      <Alert message={error} />
      {done ? (
        <Notice>
          {tx('unsubscribe.done', { what, settings: (chunks) => <a href="/settings">{chunks}</a> })}
        </Notice>
      ) : (
        <>
          <p>{t('unsubscribe.question', { what })}</p>
          <button type="button" onClick={confirm}>
            {t('unsubscribe.stop')}
          </button>
        </>
      )}
    </main>
  );
}

