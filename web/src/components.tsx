import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { hasNavigated } from './router';
import { t } from './i18n/i18n';

// The ids of a field's hint and error, for its aria-describedby (undefined when neither).
export function describedBy(props: { id: string; hint?: string; error?: string }): string | undefined {
  return [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function Field(props: {
  id: string;
  label: string;
  type?: string;
  value: string;
  onInput: (v: string) => void;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'email';
  required?: boolean;
  error?: string;
  hint?: string;
  // Suggestions while typing: the id of a <datalist> rendered beside the field.
  list?: string;
}) {
  const described = describedBy(props);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        list={props.list}
        value={props.value}
        autocomplete={props.autocomplete}
        inputMode={props.inputmode}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
      {props.hint && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.error && <p class="field-error" id={`${props.id}-error`}>{props.error}</p>}
    </div>
  );
}

// A choice from a list (a native <select>: on phones it opens the system's own picker),
// with its hint and error tied to it as Field's are.
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  // The first option, meaning "none chosen" ("Any country", "Not set").
  empty?: string;
  error?: string;
  hint?: string;
}) {
  const described = describedBy(props);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.id}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {props.hint && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.error && <p class="field-error" id={`${props.id}-error`}>{props.error}</p>}
    </div>
  );
}

// An error the person can act on, announced to screen readers when it appears.
export function Alert(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <p class="alert" role="alert">
      {props.message}
    </p>
  );
}

export function Notice(props: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {props.children}
    </p>
  );
}

// Moves keyboard focus to the page heading when the person opens another page, so screen-
// reader and keyboard users start at the top of the new content.
export function PageHeading(props: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {props.children}
    </h1>
  );
}

// A person's picture, or their initials when they have none. Decorative next to the name
// (alt=""), so screen readers hear the name once.
export function Avatar(props: { name: string; photo: string | null | undefined; size: number; large?: string | null }) {
  const initials = props.name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]).join('').toUpperCase();
  const style = { width: `${props.size}px`, height: `${props.size}px` };
  if (props.photo) {
    return <img class="avatar" src={props.photo} srcset={props.large ? `${props.photo} 1x, ${props.large} 2x` : undefined} alt="" style={style} loading="lazy" />;
  }
  // Two wide letters ("ИЩ", "WM") fit the circle at about a third of its size.
  return <span class="avatar initials" aria-hidden="true" style={{ ...style, fontSize: `${Math.round(props.size * (initials.length > 1 ? 0.34 : 0.42))}px` }}>{initials}</span>;
}

// Copies a secret or a link to the clipboard and says so (for a screen reader too).
export function CopyButton(props: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false); // no clipboard (an insecure origin): the text is on screen to select
    }
  };
  return (
    <button type="button" class="secondary small-button" onClick={copy} aria-live="polite">
      {copied ? t('common.copied') : props.label ?? t('common.copy')}
    </button>
  );
}

// The checks a new account's form can make before it is sent, all at once, in the order of
// the fields (the server checks again and names one field at a time).
export function accountFormProblems(f: { name?: string; email?: string; password: string; confirm: string }): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.name !== undefined && !f.name.trim()) out.display_name = t('account_form.name_missing');
  if (f.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) out.email = t('account_form.email_invalid');
  if ([...f.password].length < 8) out.password = t('account_form.password_short', { min: 8 });
  else if (f.password !== f.confirm) out.confirm = t('account_form.passwords_differ');
  return out;
}
