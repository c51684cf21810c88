// A menu of actions behind one button ("⋯"): the WAI-ARIA menu button pattern. The button
// says what the menu is for; opening it focuses the first item; arrow keys, Home and End
// move; Enter chooses; Escape, Tab or a click elsewhere closes and focus returns.
import { useEffect, useRef, useState } from 'preact/hooks';
import { MoreHorizontal } from 'lucide-preact';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

export function Menu(props: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const id = useRef(`menu-${Math.random().toString(36).slice(2)}`).current;
  useEffect(() => {
    if (open) items.current[at]?.focus();
  }, [open, at]);
  if (props.items.length === 0) return null;
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const n = props.items.length;
    const moves: Record<string, number> = { ArrowDown: (at + 1) % n, ArrowUp: (at + n - 1) % n, Home: 0, End: n - 1 };
    if (e.key in moves) {
      e.preventDefault();
      items.current[moves[e.key]]?.focus(); // now: a key pressed right after must reach this item
      setAt(moves[e.key]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    }
  };
  return (
    <span class="menu-anchor">
      <button type="button" ref={button} class="icon-button" aria-label={props.label} aria-haspopup="menu" aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => { setAt(0); setOpen(!open); }}
        onKeyDown={(e) => { if (e.key === 'ArrowDown') { e.preventDefault(); setAt(0); setOpen(true); } }}>
        <MoreHorizontal size={18} aria-hidden="true" />
      </button>
      {open && (
        <div id={id} class="menu" role="menu" aria-label={props.label} onKeyDown={onKey}
          onFocusOut={(e) => { if (!(e.currentTarget as HTMLElement).parentElement?.contains(e.relatedTarget as Node)) close(false); }}>
          {props.items.map((item, i) => (
            <button type="button" role="menuitem" key={item.label} tabIndex={-1} ref={(el) => (items.current[i] = el)}
              class={item.danger ? 'danger' : ''} onClick={() => { close(true); item.onSelect(); }}>
              {item.label}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
