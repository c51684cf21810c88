// Atom feeds for feed readers. A public blog's feed has an address anyone may use; for what
// only the person may read, a feed reader (which cannot sign in) gets a personal address with
// a feed token in it, shown once when made (making a new one stops the earlier ones). The
// settings page shows whether one exists and stops it.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from './api';
import { Alert, CopyButton } from './components';
import { confirmAction } from './confirm';
import { formatDate, t } from './i18n/i18n';

type Made = { token: string; created_at: string };

// `path`: what to follow after /feeds/ ("blogs/platform"); `world`: a public feed exists.
export function FeedAddress(props: { path: string; world: boolean }) {
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const publicAddress = `${location.origin}/feeds/${props.path}`;
  const make = async () => {
    try {
      const had = await api('GET', '/api/v1/me/feed-token').then(() => true, () => false);
      if (had && !(await confirmAction({ title: t('feeds.remake'), body: t('feeds.remake_hint'), confirm: t('feeds.remake') }))) return;
      const made = await api<Made>('POST', '/api/v1/me/feed-token');
      setAddress(`${location.origin}/feeds/${made.token}/${props.path}`);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <div class="feed-address">
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>{t('feeds.subscribe')}</button>
      {open && (
        <div class="card">
          {props.world && (
            <p>
              {t('feeds.public')}: <a href={publicAddress}>{publicAddress}</a> <CopyButton text={publicAddress} label={t('feeds.copy')} />
            </p>
          )}
          <p>{t('feeds.explain')}</p>
          {address ? (
            <p class="secret" role="status">
              {t('feeds.copy_now')} <code data-testid="feed-address">{address}</code> <CopyButton text={address} label={t('feeds.copy')} />
            </p>
          ) : (
            <button type="button" class="secondary" onClick={make}>{t('feeds.make')}</button>
          )}
          <Alert message={error} />
        </div>
      )}
    </div>
  );
}

// Settings: whether a feed address exists, and stopping it.
export function FeedTokenSetting() {
  const [madeAt, setMadeAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api<{ created_at: string }>('GET', '/api/v1/me/feed-token').then((r) => setMadeAt(r.created_at), () => setMadeAt(null));
  useEffect(() => {
    load();
  }, []);
  const revoke = async () => {
    try {
      await api('DELETE', '/api/v1/me/feed-token');
      setMadeAt(null);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section class="card" aria-labelledby="feeds-heading">
      <h2 id="feeds-heading">{t('feeds.heading')}</h2>
      <p>{t('feeds.explain')}</p>
      {madeAt ? (
        <>
          <p>{t('feeds.made', { when: formatDate(madeAt) })}</p>
          <button type="button" class="danger" onClick={revoke}>{t('feeds.revoke')}</button>
        </>
      ) : (
        <p>{t('feeds.none')}</p>
      )}
      <Alert message={error} />
    </section>
  );
}
