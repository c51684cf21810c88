// Files attached to a wiki page: the editor's "Attach a file" (uploaded, then linked from the
// text where the cursor was; saving the page attaches it, as pictures are) and the page's list
// of its files, each downloaded by its link (the server sends it as an attachment).
import { useEffect, useRef, useState } from 'preact/hooks';
import { Paperclip } from 'lucide-preact';
import { api, describeError, type Schemas } from '../api';
import { Alert } from '../components';
import { formatNumber, t } from '../i18n/i18n';

type AttachedFile = Schemas['File'];

const MAX_MB = 50;

// "2.4 MB", "380 kB", "12 byte" in the reader's language.
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return formatNumber(n / 1_000_000, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
  if (n >= 1_000) return formatNumber(n / 1_000, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
  return formatNumber(n, { style: 'unit', unit: 'byte', unitDisplay: 'long' });
}

// Square brackets would end a Markdown link's words early.
function linkTo(file: AttachedFile): string {
  return `[${file.name.replace(/[[\]]/g, '')}](${file.url})`;
}

export function AttachFile(props: { onInsert: (markdown: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File) => {
    if (file.size > MAX_MB * 1024 * 1024) {
      setError(t('wiki.file_too_large', { name: file.name, limit: MAX_MB }));
      return;
    }
    setBusy(file.name);
    try {
      const saved = await api<AttachedFile>('POST', `/api/v1/files?name=${encodeURIComponent(file.name)}`, file);
      props.onInsert(linkTo(saved));
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
    setBusy(null);
  };
  return (
    <div class="attach-file">
      <input id="wiki-attach-file" ref={input} class="visually-hidden" type="file" tabIndex={-1} aria-hidden="true"
        onChange={(e) => {
          const f = (e.target as HTMLInputElement).files?.[0];
          (e.target as HTMLInputElement).value = '';
          if (f) void pick(f);
        }} />
      <button type="button" class="secondary with-icon" disabled={busy !== null} onClick={() => input.current?.click()}>
        <Paperclip size={18} aria-hidden="true" /> {t('wiki.attach_file')}
      </button>
      {busy !== null && <p class="muted small" role="status">{t('wiki.attaching', { name: busy })}</p>}
      <Alert message={error} />
    </div>
  );
}

export function Attachments(props: { page: string }) {
  const [files, setFiles] = useState<AttachedFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: AttachedFile[] }>('GET', `/api/v1/wiki/pages/${props.page}/attachments`).then((r) => setFiles(r.items), (e) => setError(describeError(e)));
  }, [props.page]);
  if (error) return <Alert message={error} />;
  if (!files || files.length === 0) return null;
  return (
    <section class="wiki-files card" aria-labelledby="wiki-files-title">
      <h2 id="wiki-files-title" class="small">{t('wiki.attachments', { count: files.length })}</h2>
      <ul class="plain-list">
        {files.map((f) => (
          <li key={f.id}>
            <Paperclip size={16} aria-hidden="true" /> <a href={f.url} download={f.name}>{f.name}</a>
            <span class="muted small"> · {formatBytes(f.size)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
