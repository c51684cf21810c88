// Toasts: a short confirmation that something happened ("Shared.", "Link copied."), shown at
// the bottom of the screen for a few seconds and announced to screen readers (a polite
// status), never the only place an error is said (errors stay beside their cause).
import { useEffect, useState } from 'preact/hooks';

type Toast = { id: number; text: string };
let push: ((text: string) => void) | null = null;
let next = 1;

export function toast(text: string) {
  push?.(text);
}

export function ToastHost() {
  const [items, setItems] = useState<Toast[]>([]);
  useEffect(() => {
    push = (text) => {
      const id = next++;
      setItems((old) => [...old.slice(-2), { id, text }]);
      setTimeout(() => setItems((old) => old.filter((t) => t.id !== id)), 4000);
    };
    return () => {
      push = null;
    };
  }, []);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {items.map((t) => <p key={t.id} class="toast">{t.text}</p>)}
    </div>
  );
}
