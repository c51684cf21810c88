// Choosing people by name instead of typing handles: a combobox that suggests people as one
// types a few letters of any part of their name (in any spelling, as the directory finds
// them), for "only people I name" and invitations; and the same suggestions for @mentions
// inside a text box. The WAI-ARIA combobox pattern: arrows move through the list, Enter
// chooses, Escape closes; the list is announced by count.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Page } from './api';
import { Avatar, describedBy } from './components';
import type { Card } from './pages/profile';
import { t } from './i18n/i18n';

// People whose name starts with the words of `q` (debounced); [] for an empty query.
export function usePeopleSearch(q: string, limit = 6): Card[] {
  const [found, setFound] = useState<Card[]>([]);
  const asked = useRef(0);
  useEffect(() => {
    const mine = ++asked.current;
    if (!q.trim()) {
      setFound([]);
      return;
    }
    const t = setTimeout(() => {
      api<Page<Card>>('GET', `/api/v1/people?limit=${limit}&q=${encodeURIComponent(q.trim())}`)
        .then((p) => { if (mine === asked.current) setFound(p.items); }, () => { if (mine === asked.current) setFound([]); });
    }, 150);
    return () => clearTimeout(t);
  }, [q]);
  return found;
}

// The list under a combobox or a text box: options with avatar, name and title.
function Options(props: { id: string; items: Card[]; active: number; onChoose: (p: Card) => void }) {
  return (
    <ul id={props.id} role="listbox" class="suggest-list" aria-label={t('picker.suggestions')}>
      {props.items.map((p, i) => (
        <li key={p.id} id={`${props.id}-${i}`} role="option" aria-selected={i === props.active}
          onMouseDown={(e) => { e.preventDefault(); props.onChoose(p); }}>
          <Avatar name={p.display_name} photo={p.photo} size={28} />
          <span>{p.display_name}</span>
          {p.title && <span class="muted small"> · {p.title}</span>}
        </li>
      ))}
    </ul>
  );
}

// Several people, chosen one by one; each shows as a chip with a Remove button.
export function PersonPicker(props: {
  id: string;
  label: string;
  chosen: Card[];
  onChange: (people: Card[]) => void;
  error?: string;
  hint?: string;
  exclude?: string[]; // ids not to offer (oneself)
}) {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const found = usePeopleSearch(q).filter((p) => !props.chosen.some((c) => c.id === p.id) && !props.exclude?.includes(p.id));
  const listId = `${props.id}-list`;
  const showing = open && found.length > 0;
  const choose = (p: Card) => {
    props.onChange([...props.chosen, p]);
    setQ('');
    setActive(0);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && found.length) {
      e.preventDefault();
      setOpen(true);
      setActive((active + 1) % found.length);
    } else if (e.key === 'ArrowUp' && found.length) {
      e.preventDefault();
      setActive((active + found.length - 1) % found.length);
    } else if (e.key === 'Enter' && showing) {
      e.preventDefault();
      choose(found[Math.min(active, found.length - 1)]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    } else if (e.key === 'Backspace' && !q && props.chosen.length) {
      props.onChange(props.chosen.slice(0, -1));
    }
  };
  const described = describedBy(props);
  return (
    <div class="field person-picker">
      <label for={props.id}>{props.label}</label>
      {props.chosen.length > 0 && (
        <ul class="chips" aria-label={t('picker.chosen', { label: props.label })}>
          {props.chosen.map((p) => (
            <li key={p.id}>
              {p.display_name}
              <button type="button" class="chip-action" aria-label={t('picker.remove', { name: p.display_name })}
                onClick={() => props.onChange(props.chosen.filter((c) => c.id !== p.id))}>×</button>
            </li>
          ))}
        </ul>
      )}
      <div class="suggest-anchor">
        <input id={props.id} role="combobox" autocomplete="off" value={q} aria-expanded={showing} aria-controls={listId}
          aria-autocomplete="list" aria-activedescendant={showing ? `${listId}-${Math.min(active, found.length - 1)}` : undefined}
          aria-invalid={props.error ? 'true' : undefined} aria-describedby={described}
          onInput={(e) => { setQ((e.target as HTMLInputElement).value); setOpen(true); setActive(0); }}
          onKeyDown={onKey} onBlur={() => setOpen(false)} onFocus={() => setOpen(true)} />
        {showing && <Options id={listId} items={found} active={Math.min(active, found.length - 1)} onChoose={choose} />}
      </div>
      <p class="visually-hidden" role="status">{showing ? `${found.length} ${found.length === 1 ? 'person' : 'people'} found` : ''}</p>
      {props.hint && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.error && <p class="field-error" id={`${props.id}-error`}>{props.error}</p>}
    </div>
  );
}

// @mentions in a text box: the word being typed after "@" (letters of a name or a handle)
// suggests people; choosing one writes their handle. Returns the props the text box needs
// and the list to render under it.
const MENTION = /(^|[\s(])@([\p{L}\p{N}._-]{1,40})$/u;
export function useMentions(text: string, setText: (t: string) => void, box: { current: HTMLTextAreaElement | null }, id: string) {
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const before = text.slice(0, caret);
  const m = MENTION.exec(before);
  const query = m && !closed ? m[2] : '';
  const found = usePeopleSearch(query);
  const showing = query !== '' && found.length > 0;
  const listId = `${id}-mentions`;
  const choose = (p: Card) => {
    if (!m) return;
    const start = caret - m[2].length - 1;
    const next = `${text.slice(0, start)}@${p.handle} ${text.slice(caret)}`;
    setText(next);
    const at = start + p.handle.length + 2;
    setCaret(at);
    requestAnimationFrame(() => box.current?.setSelectionRange(at, at));
  };
  const track = (e: Event) => {
    const t = e.target as HTMLTextAreaElement;
    setCaret(t.selectionStart ?? t.value.length);
  };
  const typed = (e: Event) => {
    track(e);
    setClosed(false);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!showing) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((active + 1) % found.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((active + found.length - 1) % found.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      choose(found[Math.min(active, found.length - 1)]);
      setActive(0);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setClosed(true);
    }
  };
  return {
    boxProps: {
      'aria-autocomplete': 'list' as const,
      'aria-controls': showing ? listId : undefined,
      'aria-activedescendant': showing ? `${listId}-${Math.min(active, found.length - 1)}` : undefined,
      onKeyDown,
      onKeyUp: track,
      onClick: track,
      onTyped: typed, // call from the box's onInput
    },
    list: showing ? (
      <>
        <Options id={listId} items={found} active={Math.min(active, found.length - 1)} onChoose={choose} />
        <p class="visually-hidden" role="status">{`${found.length} ${found.length === 1 ? 'person' : 'people'} to mention`}</p>
      </>
    ) : null,
  };
}
