// Confirmations before what cannot be undone or changes someone's access: a modal <dialog>
// (focus moves in and stays until it closes; Escape cancels), with the safe choice focused.
// confirmAction() resolves true when the person confirms. The host is mounted once, by the
// frame (app.tsx); without it (a page rendered alone) the browser's confirm() stands in.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n/i18n';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirm: string;  // the button's words: "Delete", "Deactivate", "Make owner"
  danger?: boolean;
}
type Pending = ConfirmRequest & { resolve: (ok: boolean) => void };

let show: ((r: Pending) => void) | null = null;

export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve) => {
    if (!show) resolve(window.confirm(`${request.title}\n\n${request.body}`));
    else show({ ...request, resolve });
  });
}

export function ConfirmHost() {
  const [pending, setPending] = useState<Pending | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const answer = useRef(false);
  const current = useRef<Pending | null>(null);
  useEffect(() => {
    show = (r) => {
      opener.current = document.activeElement;
      answer.current = false;
      current.current = r;
      setPending(r);
    };
    return () => {
      show = null;
    };
  }, []);
  useEffect(() => {
    if (pending && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [pending]);
  // Every way out (a button, Escape) closes the dialog; its close event answers once.
  const closed = () => {
    const p = current.current;
    current.current = null;
    setPending(null);
    p?.resolve(answer.current);
    (opener.current as HTMLElement | null)?.focus?.();  // back where the person was
  };
  const choose = (ok: boolean) => {
    answer.current = ok;
    dialog.current?.close();
  };
  return (
    <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-body" onClose={closed}>
      {pending && (
        <>
          <h2 id="confirm-title">{pending.title}</h2>
          <p id="confirm-body">{pending.body}</p>
          <div class="actions">
            <button type="button" class="secondary" autoFocus onClick={() => choose(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" class={pending.danger ? 'danger-solid' : ''} onClick={() => choose(true)}>
              {pending.confirm}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
