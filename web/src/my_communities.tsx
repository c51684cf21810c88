// "My communities" in the navigation: the communities one is in (up to eight, by name), one
// step from anywhere; on a phone they are in the Menu with the other links.
import { useEffect, useState } from 'preact/hooks';
import { api, type Page, type Schemas } from './api';
import { whenIdle } from './lazy';
import { t } from './i18n/i18n';

const MEMBERSHIPS_CHANGED = 'agora:memberships-changed';
// Tells the navigation that the person joined or left a community.
export function membershipsChanged() {
  dispatchEvent(new Event(MEMBERSHIPS_CHANGED));
}

type Mine = Schemas['Community'];

export function MyCommunities(props: { onLink: (href: string, label: string) => preact.ComponentChildren }) {
  const [items, setItems] = useState<Mine[] | null>(null);
  const [more, setMore] = useState(false);
  const [changed, setChanged] = useState(0);
  // Asked once, and again when the person joins or leaves (membershipsChanged): not on
  // every page change.
  useEffect(() => {
    const on = () => setChanged((n) => n + 1);
    addEventListener(MEMBERSHIPS_CHANGED, on);
    return () => removeEventListener(MEMBERSHIPS_CHANGED, on);
  }, []);
  useEffect(() => whenIdle(() => {
    api<Page<Mine>>('GET', '/api/v1/communities?mine=true&limit=8').then((p) => {
      setItems(p.items);
      setMore(p.next_cursor !== null);
    }, () => setItems([]));
  }), [changed]);
  if (!items || items.length === 0) return null;
  return (
    <div class="my-communities">
      <h2 id="my-communities-heading">{t('nav.my_communities')}</h2>
      <ul aria-labelledby="my-communities-heading">
        {items.map((c) => <li key={c.id}>{props.onLink(`/communities/${c.handle}`, c.name)}</li>)}
        {more && <li>{props.onLink('/communities?mine=true', t('nav.all_my_communities'))}</li>}
      </ul>
    </div>
  );
}
