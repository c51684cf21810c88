// Watching the wiki, and who is editing a page now.
// - "Watch this page" and "Follow this space": toggles (aria-pressed) whose change is said in
//   a toast. Watched pages' changes notify (and mail, where the person chose it); a followed
//   space's also show in the home feed, one item per editing session.
// - "Bo is editing this page": the page and the editor ask who edits it, then hear of changes
//   on the live stream (wiki.editing). A mark lasts expires_in_ms unless renewed, so a closed
//   laptop's editor disappears on its own. The open editor renews its own mark every 20 s.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Schemas } from '../api';
import { subscribe, watch } from '../stream';
import { toast } from '../toast';
import { formatList, t } from '../i18n/i18n';
import type { WikiSpace } from './wiki';
import type { WikiPage } from './wiki_page';

type Editors = Schemas['WikiEditors'];
type Person = Editors['editors'][number];

const heartbeatMs = 20_000;

function WatchToggle(props: { on: boolean; label: string; path: string; said: [string, string]; onChange: (on: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      const r = await api<{ watching: boolean }>(props.on ? 'DELETE' : 'PUT', props.path);
      props.onChange(r.watching);
      toast(r.watching ? props.said[0] : props.said[1]);
    } catch (e) {
      toast(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class="secondary watch-toggle" aria-pressed={props.on} disabled={busy} onClick={toggle}>
      <span aria-hidden="true">{props.on ? '★ ' : '☆ '}</span>{props.label}
    </button>
  );
}

export function PageWatch(props: { page: WikiPage; onChange: (on: boolean) => void }) {
  return (
    <WatchToggle on={props.page.watching} label={t('wiki.watch_page')} path={`/api/v1/wiki/pages/${props.page.id}/watch`}
      said={[t('wiki.watch_on'), t('wiki.watch_off')]} onChange={props.onChange} />
  );
}

export function SpaceFollow(props: { space: WikiSpace; onChange: (on: boolean) => void }) {
  return (
    <WatchToggle on={props.space.watching} label={t('wiki.follow_space')} path={`/api/v1/wiki/spaces/${encodeURIComponent(props.space.handle)}/watch`}
      said={[t('wiki.follow_on'), t('wiki.follow_off')]} onChange={props.onChange} />
  );
}

// The others editing the page now (without `me`), kept current from the stream.
export function useEditors(pageId: string | undefined, me: string): Person[] {
  const [editors, setEditors] = useState<Person[]>([]);
  const [until, setUntil] = useState(0);
  useEffect(() => {
    if (!pageId) return;
    const take = (e: Editors) => {
      setEditors(e.editors.filter((p) => p.id !== me));
      setUntil(Date.now() + e.expires_in_ms);
    };
    api<Editors>('GET', `/api/v1/wiki/pages/${pageId}/editing`).then(take, () => undefined);
    const unwatch = watch([pageId]);
    const off = subscribe<Editors>('wiki.editing', (e) => { if (e.data.page_id === pageId) take(e.data); });
    return () => { off(); unwatch(); };
  }, [pageId, me]);
  // Unheard of for longer than a mark lasts: they left without a word.
  useEffect(() => {
    if (!editors.length) return;
    const timer = setTimeout(() => setEditors([]), Math.max(0, until - Date.now()));
    return () => clearTimeout(timer);
  }, [until, editors.length]);
  return editors;
}

// Says, while the editor is open, that this person is editing the page.
export function useEditingMark(pageId: string | undefined) {
  useEffect(() => {
    if (!pageId) return;
    const mark = () => api('PUT', `/api/v1/wiki/pages/${pageId}/editing`).catch(() => undefined);
    mark();
    const timer = setInterval(mark, heartbeatMs);
    return () => {
      clearInterval(timer);
      api('DELETE', `/api/v1/wiki/pages/${pageId}/editing`).catch(() => undefined);
    };
  }, [pageId]);
}

export function EditingNotice(props: { editors: Person[]; inEditor?: boolean }) {
  // Always in the page (a live region announces who comes and goes); empty when nobody is.
  const { editors } = props;
  return (
    <div class={editors.length ? 'wiki-editing notice-line' : 'wiki-editing'} role="status" data-testid="wiki-editing">
      {editors.length > 0 && (
        <>
          <strong>{t('wiki.editing_now', { count: editors.length, names: formatList(editors.map((e) => e.display_name)) })}</strong>
          {props.inEditor && <> {t('wiki.editing_merge_note')}</>}
        </>
      )}
    </div>
  );
}
