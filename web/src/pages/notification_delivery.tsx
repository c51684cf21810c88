// Settings: how each kind of notification reaches the person (in Agora only, by mail right
// away, in a daily or weekly digest, or not at all). Saved as soon as a choice changes.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api';
import { Alert, Notice } from '../components';

type Delivery = 'app' | 'email' | 'daily' | 'weekly' | 'off';

const kinds: [string, string][] = [
  ['mention', 'Someone mentions me'],
  ['reply', 'Someone replies to my comment'],
  ['comment', 'Someone comments on my post'],
  ['reaction', 'Someone reacts to my post or comment'],
  ['follow', 'Someone follows me'],
  ['share', 'Someone shares my post'],
  ['community_invite', 'I am invited to a community'],
  ['community_request', 'Someone asks to join a community I moderate'],
  ['community_accepted', 'My request to join a community is accepted'],
];

const choices: [Delivery, string][] = [
  ['app', 'In Agora only'],
  ['email', 'By e-mail right away'],
  ['daily', 'In the daily e-mail digest'],
  ['weekly', 'In the weekly e-mail digest'],
  ['off', 'Off'],
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
      setSaved(`Saved: ${label.toLowerCase()}: ${choices.find(([d]) => d === value)?.[1].toLowerCase()}.`);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section class="card" id="notifications" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">Notifications and e-mail</h2>
      <p class="hint">Digests go in the morning of your time zone (from your profile), and only when something is waiting.</p>
      <Alert message={error} />
      {saved && <Notice>{saved}</Notice>}
      {delivery &&
        kinds.map(([kind, label]) => (
          <div class="field" key={kind}>
            <label for={`delivery-${kind}`}>{label}</label>
            <select id={`delivery-${kind}`} value={delivery[kind]} onChange={(e) => change(kind, label, (e.target as HTMLSelectElement).value as Delivery)}>
              {choices.map(([value, text]) => (
                <option value={value} key={value}>
                  {text}
                </option>
              ))}
            </select>
          </div>
        ))}
    </section>
  );
}
