// Importing pages into a space (its owners): a MediaWiki XML export or a zip of Markdown
// files. The server answers at once and works on; this follows it (reading, converting the
// revisions, making the pages) with a progress bar, then shows its report: what was made,
// what was not and why, and whose revisions had no account here.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, problemFrom, type Schemas } from '../api';
import { Alert } from '../components';
import { t } from '../i18n/i18n';

type Job = Schemas['WikiImport'];

function Progress(props: { job: Job }) {
  const { job } = props;
  const words =
    job.state === 'converting' ? t('wiki.import_converting', { done: job.done, total: job.total })
      : job.state === 'importing' ? t('wiki.import_importing', { done: job.done, total: job.total })
      : t('wiki.import_reading');
  return (
    <div class="import-progress">
      <progress max={job.total || 1} value={job.state === 'reading' ? undefined : job.done} aria-label={words} />
      <p class="muted small" role="status">{words}</p>
    </div>
  );
}

function Report(props: { report: NonNullable<Job['report']> }) {
  const { report } = props;
  const list = (title: string, items: string[]) =>
    items.length > 0 && (
      <>
        <h2 class="small">{title}</h2>
        <ul class="small">{items.map((s, i) => <li key={i}>{s}</li>)}</ul>
      </>
    );
  return (
    <div class="import-report" role="status">
      <p class="notice">{t('wiki.import_done', { pages: report.pages, revisions: report.revisions })}</p>
      {report.redirects > 0 && <p>{t('wiki.import_redirects', { count: report.redirects })}</p>}
      {list(t('wiki.import_skipped'), report.skipped)}
      {list(t('wiki.import_left_out'), report.left_out)}
      {list(t('wiki.import_unknown'), report.unknown_people)}
    </div>
  );
}

export function WikiImport(props: { space: string; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = job !== null && job.state !== 'done' && job.state !== 'failed';
  useEffect(() => {
    if (!job || !running) return;
    const timer = setTimeout(() => {
      api<Job>('GET', `/api/v1/wiki/imports/${encodeURIComponent(job.id)}`).then((j) => {
        setJob(j);
        if (j.state === 'done') props.onDone();
        if (j.state === 'failed' && j.error) setError(t('wiki.import_failed', { reason: describeError(problemFrom(422, j.error, null)) }));
      }, (e) => setError(describeError(e)));
    }, 500);
    return () => clearTimeout(timer);
  }, [job]);
  const start = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!file) {
      setError(t('wiki.import_pick'));
      return;
    }
    const zip = file.name.toLowerCase().endsWith('.zip');
    try {
      const body = new Blob([file], { type: zip ? 'application/zip' : 'application/xml' });
      setJob(await api<Job>('POST', `/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/imports?format=${zip ? 'markdown' : 'mediawiki'}`, body));
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <details class="wiki-import card">
      <summary>{t('wiki.import')}</summary>
      <p class="small">{t('wiki.import_intro')}</p>
      <form onSubmit={start}>
        <div class="field">
          <label for="import-file">{t('wiki.import_file')}</label>
          <input id="import-file" type="file" accept=".xml,.zip,application/xml,text/xml,application/zip"
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        </div>
        <div class="actions"><button type="submit" disabled={running}>{t('wiki.import_start')}</button></div>
      </form>
      {running && job && <Progress job={job} />}
      {job?.state === 'done' && job.report && <Report report={job.report} />}
      <Alert message={error} />
    </details>
  );
}
