// Settings: how each kind of notification reaches the person (in Agora only, by mail right
// away, in a daily or weekly digest, or not at all). Saved as soon as a choice changes.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api';
import { Alert, Notice } from '../components';
import { t, type MessageId } from '../i18n/i18n';

type Delivery = 'app' | 'email' | 'daily' | 'weekly' | 'off';

const kinds: [string, MessageId][] = [
  ['mention', 'delivery.mention'],
  ['reply', 'delivery.reply'],
  ['comment', 'delivery.comment'],
  ['reaction', 'delivery.reaction'],
  ['follow', 'delivery.follow'],
  ['share', 'delivery.share'],
  ['community_invite', 'delivery.community_invite'],
  ['community_request', 'delivery.community_request'],
  ['community_accepted', 'delivery.community_accepted'],
  ['blog_entry', 'delivery.blog_entry'],
  ['comment_held', 'delivery.comment_held'],
  ['wiki_change', 'delivery.wiki_change'],
  ['wiki_review', 'delivery.wiki_review'],
];

const choices: [Delivery, MessageId][] = [
  ['app', 'delivery.app'],
  ['email', 'delivery.email'],
  ['daily', 'delivery.daily'],
  ['weekly', 'delivery.weekly'],
  ['off', 'delivery.off'],
];

export function NotificationDelivery() {
  const [delivery, setDelivery] = useState<Record<string, Delivery> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    api<Record<string, Delivery>>('GET', '/api/v1/notifications/delivery').then(setDelivery).catch((e) => setError(describeError(e)));
  }, []);

  const change = async (kind: string, label: string, value: Delivery) => {
    setError(null);
    setSaved(null);
    try {
      setDelivery(await api<Record<string, Delivery>>('PUT', '/api/v1/notifications/delivery', { [kind]: value }));
      const how = choices.find(([d]) => d === value)?.[1];
      setSaved(t('delivery.saved', { what: label, how: how ? t(how) : value }));
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section class="card" id="notifications" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">{t('delivery.heading')}</h2>
      <p class="hint">{t('delivery.hint')}</p>
      <Alert message={error} />
      {saved && <Notice>{saved}</Notice>}
      {delivery &&
        kinds.map(([kind, label]) => (
          <div class="field" key={kind}>
            <label for={`delivery-${kind}`}>{t(label)}</label>
            <select id={`delivery-${kind}`} value={delivery[kind]} onChange={(e) => change(kind, t(label), (e.target as HTMLSelectElement).value as Delivery)}>
              {choices.map(([value, text]) => (
                <option value={value} key={value}>
                  {t(text)}
                </option>
              ))}
            </select>
          </div>
        ))}
    </section>
  );
}
