// Downloading wiki pages as a book: a page, a page and the pages below it, or a whole space,
// as PDF (to print or share) or EPUB (e-readers). The server makes the file (seconds for a
// large space): the button says so meanwhile, and the file is saved under the name it gives.
import { useState } from 'preact/hooks';
import { apiDownload, describeError } from '../api';
import { Alert } from '../components';
import { t } from '../i18n/i18n';

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// `page`: a page's book (with a choice of the pages below it); otherwise the space's.
export function BookExport(props: { page?: string; space: string }) {
  const [scope, setScope] = useState<'page' | 'subtree'>('subtree');
  const [busy, setBusy] = useState<'pdf' | 'epub' | null>(null);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<string | null>(null);
  const make = async (format: 'pdf' | 'epub') => {
    setBusy(format);
    setError(null);
    setSaid(t('wiki.export_making'));
    const path = props.page
      ? `/api/v1/wiki/pages/${props.page}/export?format=${format}&scope=${scope}`
      : `/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/export?format=${format}`;
    try {
      const { blob, filename } = await apiDownload(path);
      save(blob, filename);
      setSaid(t('wiki.export_done', { name: filename }));
    } catch (e) {
      setSaid('');
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <details class="wiki-export card">
      <summary>{t('wiki.export')}</summary>
      {props.page && (
        <fieldset>
          <legend>{t('wiki.export_what')}</legend>
          <label><input type="radio" name="book-scope" checked={scope === 'page'} onChange={() => setScope('page')} /> {t('wiki.export_page')}</label>
          <label><input type="radio" name="book-scope" checked={scope === 'subtree'} onChange={() => setScope('subtree')} /> {t('wiki.export_subtree')}</label>
        </fieldset>
      )}
      <div class="actions">
        <button type="button" class="secondary" disabled={busy !== null} aria-busy={busy === 'pdf'} onClick={() => make('pdf')}>{t('wiki.export_pdf')}</button>
        <button type="button" class="secondary" disabled={busy !== null} aria-busy={busy === 'epub'} onClick={() => make('epub')}>{t('wiki.export_epub')}</button>
      </div>
      <p class="muted small" role="status">{said}</p>
      <Alert message={error} />
    </details>
  );
}
