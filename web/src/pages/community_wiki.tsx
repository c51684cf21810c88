// A community's Wiki tab: its wiki spaces (read as the community's content is), each with its
// top pages, and for its owners and moderators, the way to start one.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api';
import { createAtFreeHandle } from '../free_handle';
import { Alert } from '../components';
import { t } from '../i18n/i18n';
import { pagePath, type WikiPageRef, type WikiSpace } from './wiki';

function TopPages(props: { space: WikiSpace }) {
  const [items, setItems] = useState<WikiPageRef[] | null>(null);
  useEffect(() => {
    api<{ items: WikiPageRef[] }>('GET', `/api/v1/wiki/spaces/${props.space.handle}/pages`).then((r) => setItems(r.items), () => setItems([]));
  }, [props.space.id]);
  if (!items) return null;
  return (
    <ul class="plain-list" aria-label={props.space.name}>
      {items.slice(0, 20).map((p) => <li key={p.id}><a href={pagePath(props.space.handle, p.slug)}>{p.title}</a></li>)}
    </ul>
  );
}

export function CommunityWiki(props: { community: { id: string; handle: string; name: string }; manages: boolean }) {
  const [spaces, setSpaces] = useState<WikiSpace[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<{ items: WikiSpace[] }>('GET', `/api/v1/wiki/spaces?community=${props.community.id}&limit=20`).then(
      (r) => setSpaces(r.items), (e) => setError(describeError(e)));
  useEffect(() => {
    load();
  }, [props.community.id]);
  const start = async () => {
    try {
      await createAtFreeHandle(`${props.community.handle}-wiki`, (handle) =>
        api('POST', '/api/v1/wiki/spaces', { name: props.community.name, handle, kind: 'community', community: props.community.id }));
      setError(null);
      await load();
    } catch (e) {
      setError(describeError(e));
    }
  };
  if (!spaces) return <Alert message={error} />;
  return (
    <>
      <h2 class="visually-hidden">{t('community.tab_wiki')}</h2>
      <Alert message={error} />
      {spaces.length === 0 && (props.manages ? (
        <div class="card">
          <p>{t('community.wiki_none_manager')}</p>
          <button type="button" onClick={start}>{t('community.wiki_start')}</button>
        </div>
      ) : <p class="muted">{t('community.wiki_none')}</p>)}
      {spaces.map((s) => (
        <section key={s.id} aria-labelledby={`community-wiki-${s.id}`}>
          <h3 id={`community-wiki-${s.id}`}><a href={`/wiki/${s.handle}`}>{s.name}</a></h3>
          {s.can_edit && (
            <div class="actions">
              <a class="button" href={`/wiki/${s.handle}/_new`}>{t('wiki.new_page')}</a>
            </div>
          )}
          <TopPages space={s} />
        </section>
      ))}
    </>
  );
}
