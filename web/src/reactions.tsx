// Reacting to a post or a comment: one Like button, a "React" button that opens a picker of
// the six reactions (a toolbar: one tab stop, arrow keys move, Escape closes), and, once
// anyone has reacted, the count as a button that shows who reacted. Three tab stops at most
// instead of six; icons beside words, never emoji alone as the only label.
import { useEffect, useRef, useState } from 'preact/hooks';
import { SmilePlus, ThumbsUp } from 'lucide-preact';
import { api, describeError, type Page, type Schemas } from './api';
import { Alert, Avatar } from './components';
import { REACTIONS, reactionName, type ReactionKind, type ReactionSummary } from './content';
import { formatNumber, t } from './i18n/i18n';

const emojiOf = (kind: ReactionKind) => REACTIONS.find((r) => r[0] === kind)?.[1] ?? '';
const labelOf = (kind: ReactionKind) => reactionName(kind);

export function Reactions(props: { targetId: string; summary: ReactionSummary; onChange: (s: ReactionSummary) => void; what?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [showWho, setShowWho] = useState(false);
  const reactButton = useRef<HTMLButtonElement>(null);
  const mine = props.summary.mine;

  const set = async (kind: ReactionKind | null) => {
    try {
      const url = `/api/v1/content/${props.targetId}/reactions/`;
      props.onChange(await api<ReactionSummary>(kind ? 'PUT' : 'DELETE', url + (kind ?? mine)));
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  // Like toggles my reaction: a Like, or whichever reaction I chose instead.
  const toggle = () => set(mine ? null : 'like');

  const top = REACTIONS.map(([k]) => k).filter((k) => (props.summary.counts[k] ?? 0) > 0)
    .sort((a, b) => (props.summary.counts[b] ?? 0) - (props.summary.counts[a] ?? 0)).slice(0, 3);
  const what = props.what ?? 'post';
  return (
    <div class="reactions">
      <button type="button" class="reaction-main" aria-pressed={!!mine} onClick={toggle} data-kind={mine ?? 'like'}>
        {mine && mine !== 'like' ? <span aria-hidden="true" class="emoji">{emojiOf(mine)}</span> : <ThumbsUp size={18} aria-hidden="true" />}
        <span>{mine ? labelOf(mine) : t('reaction.like')}</span>
      </button>
      <span class="picker-anchor">
        <button type="button" ref={reactButton} class="icon-button" aria-label={t('reactions.react_to', { what })} aria-expanded={picking}
          onClick={() => setPicking(!picking)}>
          <SmilePlus size={18} aria-hidden="true" />
        </button>
        {picking && (
          <ReactionPicker mine={mine} onPick={(k) => { setPicking(false); reactButton.current?.focus(); set(k === mine ? null : k); }}
            onClose={() => { setPicking(false); reactButton.current?.focus(); }} />
        )}
      </span>
      {props.summary.total > 0 && (
        <button type="button" class="link reaction-count" aria-label={t('reactions.count_see_who', { count: props.summary.total })}
          onClick={() => setShowWho(true)}>
          <span aria-hidden="true">{top.map(emojiOf).join('')} {formatNumber(props.summary.total)}</span>
        </button>
      )}
      {showWho && <WhoReacted targetId={props.targetId} summary={props.summary} onClose={() => setShowWho(false)} />}
      <Alert message={error} />
    </div>
  );
}

// The six reactions in a row, as a toolbar: focus starts on my reaction (or the first),
// arrow keys, Home and End move, Enter or Space chooses, Escape or leaving closes.
function ReactionPicker(props: { mine: ReactionKind | null; onPick: (k: ReactionKind) => void; onClose: () => void }) {
  const start = Math.max(0, REACTIONS.findIndex((r) => r[0] === props.mine));
  const [at, setAt] = useState(start);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => buttons.current[at]?.focus(), [at]);
  const onKey = (e: KeyboardEvent) => {
    const n = REACTIONS.length;
    const moves: Record<string, number> = { ArrowRight: (at + 1) % n, ArrowDown: (at + 1) % n, ArrowLeft: (at + n - 1) % n, ArrowUp: (at + n - 1) % n, Home: 0, End: n - 1 };
    if (e.key in moves) {
      e.preventDefault();
      // Focus moves now, not after the next frame: a key pressed right after (Enter) must
      // reach the reaction the arrow moved to.
      buttons.current[moves[e.key]]?.focus();
      setAt(moves[e.key]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      props.onClose();
    }
  };
  return (
    <div class="reaction-picker" role="toolbar" aria-label={t('reactions.choose')} onKeyDown={onKey}
      onFocusOut={(e) => { if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node)) props.onClose(); }}>
      {REACTIONS.map(([kind, emoji], i) => (
        <button type="button" key={kind} ref={(el) => (buttons.current[i] = el)} tabIndex={i === at ? 0 : -1}
          aria-pressed={props.mine === kind} aria-label={labelOf(kind)} title={labelOf(kind)} data-kind={kind} onClick={() => props.onPick(kind)}>
          <span aria-hidden="true">{emoji}</span>
        </button>
      ))}
    </div>
  );
}

type Reactor = Schemas['Reactor'];

// Who reacted, newest first, each with their reaction: a modal dialog.
function WhoReacted(props: { targetId: string; summary: ReactionSummary; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(document.activeElement);
  const [items, setItems] = useState<Reactor[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (from: string | null) => {
    try {
      const page = await api<Page<Reactor>>('GET', `/api/v1/content/${props.targetId}/reactions?limit=50${from ? `&cursor=${encodeURIComponent(from)}` : ''}`);
      setItems((old) => [...(from ? old ?? [] : []), ...page.items]);
      setCursor(page.next_cursor);
    } catch (err) {
      setError(describeError(err));
    }
  };
  useEffect(() => {
    dialog.current?.showModal();
    load(null);
  }, []);
  const closed = () => {
    props.onClose();
    (opener.current as HTMLElement | null)?.focus?.();
  };
  return (
    <dialog ref={dialog} class="who-reacted" aria-labelledby={`who-${props.targetId}`} onClose={closed}>
      <h2 id={`who-${props.targetId}`}>{t('reactions.heading')}</h2>
      <p class="muted">
        {REACTIONS.filter(([k]) => props.summary.counts[k]).map(([k, emoji]) => `${emoji} ${labelOf(k)} ${formatNumber(props.summary.counts[k] ?? 0)}`).join(' · ')}
      </p>
      {!items && !error && <p role="status">{t('common.loading')}</p>}
      <ul class="people">
        {(items ?? []).map((r) => (
          <li key={r.person.id}>
            <Avatar name={r.person.display_name} photo={r.person.photo} size={32} />
            <a href={`/people/${r.person.handle}`}>{r.person.display_name}</a>
            <span class="muted"> {emojiOf(r.kind)} {labelOf(r.kind)}</span>
          </li>
        ))}
      </ul>
      <Alert message={error} />
      <div class="actions">
        {cursor && <button type="button" class="secondary" onClick={() => load(cursor)}>{t('common.show_more')}</button>}
        <button type="button" autoFocus onClick={() => dialog.current?.close()}>{t('common.close')}</button>
      </div>
    </dialog>
  );
}
