// Tabs (the WAI-ARIA tabs pattern): one tab stop for the row, arrow keys, Home and End move
// and show the tab (automatic activation: panels are cheap to show). The chosen tab is kept
// in the address's hash (#forum), so a link or a reload opens it, without a new history
// entry per click.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Tab {
  id: string; // in the hash: #forum
  label: string;
  render: () => ComponentChildren;
}

export function Tabs(props: { label: string; tabs: Tab[] }) {
  const fromHash = props.tabs.findIndex((t) => `#${t.id}` === location.hash);
  const [at, setAt] = useState(Math.max(0, fromHash));
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  // A link to another tab of this page (#members) changes only the hash: follow it.
  useEffect(() => {
    const onHash = () => {
      const i = props.tabs.findIndex((t) => `#${t.id}` === location.hash);
      if (i >= 0) setAt(i);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [props.tabs.map((t) => t.id).join()]);
  const index = Math.min(at, props.tabs.length - 1);
  const show = (i: number, focus: boolean) => {
    setAt(i);
    history.replaceState(history.state, '', `${location.pathname}${location.search}${i === 0 ? '' : `#${props.tabs[i].id}`}`);
    if (focus) buttons.current[i]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const n = props.tabs.length;
    const moves: Record<string, number> = { ArrowRight: (index + 1) % n, ArrowLeft: (index + n - 1) % n, Home: 0, End: n - 1 };
    if (e.key in moves) {
      e.preventDefault();
      show(moves[e.key], true);
    }
  };
  const current = props.tabs[index];
  return (
    <div class="tabs">
      <div role="tablist" aria-label={props.label} class="tablist" onKeyDown={onKey}>
        {props.tabs.map((t, i) => (
          <button type="button" role="tab" key={t.id} id={`tab-${t.id}`} ref={(el) => (buttons.current[i] = el)}
            aria-selected={i === index} aria-controls={`panel-${t.id}`} tabIndex={i === index ? 0 : -1} onClick={() => show(i, false)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`} class="tabpanel">
        {current.render()}
      </div>
    </div>
  );
}
