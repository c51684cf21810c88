// People admin: outgoing mail. Where it goes, how much is queued, sent and failed, the mails
// waiting for a retry with the mail server's answer, and failed ones to send again once the
// cause is fixed.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, formatTime, type Schemas } from '../api';
import { Alert } from '../components';
import { t } from '../i18n/i18n';

type Outbox = Schemas['Outbox'];


// "SMTP smtp://mail.example.com:587 as agora", "the folder /var/lib/agora/mail".
function destination(d: Outbox['destination']): string {
  if (d.kind === 'folder') return t('admin_mail.folder', { folder: d.target });
  return d.user ? t('admin_mail.smtp_as', { url: d.target, user: d.user }) : `SMTP ${d.target}`;
}

export function AdminMail() {
  const [outbox, setOutbox] = useState<Outbox | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api<Outbox>('GET', '/api/v1/admin/mail').then(setOutbox).catch((e) => setError(describeError(e)));
  useEffect(() => {
    load();
  }, []);
  const retry = async (id: string) => {
    setError(null);
    try {
      await api('POST', `/api/v1/admin/mail/${id}/retry`);
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="mail-heading" data-testid="admin-mail">
      <h2 id="mail-heading">{t('admin_mail.heading')}</h2>
      <Alert message={error} />
      {outbox && (
        <>
          <p>
            {t('admin_mail.summary', { transport: destination(outbox.destination), sent: outbox.sent, queued: outbox.queued, failed: outbox.failed })}
            {outbox.oldest_queued_at ? ` ${t('admin_mail.oldest', { when: formatTime(outbox.oldest_queued_at) })}` : ''}{' '}
            <button type="button" class="quiet" onClick={load}>
              {t('admin_mail.refresh')}
            </button>
          </p>
          {outbox.delayed.length > 0 && (
            <>
              <h3>{t('admin_mail.waiting')}</h3>
              <ul>
                {outbox.delayed.map((m) => (
                  <li key={m.id}>
                    {t('admin_mail.delayed', { kind: m.kind, attempts: m.attempts, next: m.next_attempt_at ? formatTime(m.next_attempt_at) : t('admin_mail.soon') })}: {m.last_error}
                  </li>
                ))}
              </ul>
            </>
          )}
          {outbox.recent_failures.length > 0 && (
            <>
              <h3>{t('admin_mail.failed')}</h3>
              <ul>
                {outbox.recent_failures.map((m) => (
                  <li key={m.id}>
                    {m.kind} ({formatTime(m.created_at)}): {m.last_error}{' '}
                    <button type="button" class="secondary" onClick={() => retry(m.id)} aria-label={t('admin_mail.send_again_label', { kind: m.kind, when: formatTime(m.created_at) })}>
                      {t('admin_mail.send_again')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
