// People admin: the directory sync (LDAP / Active Directory). Where people come from, the
// sync in progress with its progress bar, "Sync now" and "Dry run", and the recent runs with
// what each changed (who was created, updated, no longer listed) or why it failed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError, formatTime } from '../api';
import { Alert } from '../components';

interface Report {
  dry_run?: boolean;
  entries?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  skipped?: number;
  without_email?: number;
  missing?: number;
  emails_changed?: number;
  photos_updated?: number;
  created_people?: string[];
  updated_people?: string[];
  missing_people?: string[];
  problems?: string[];
  seconds?: number;
}
interface Run {
  id: string;
  started_at: string;
  finished_at: string | null;
  dry_run: boolean;
  started_by: string;
  error: string;
  report: Report;
}
interface Directory {
  configured: boolean;
  url: string;
  base_dn: string;
  sync_minutes: number;
  missing: 'alumni' | 'deactivate' | 'keep';
  sign_in: boolean;
  running: { stage: string; done: number; total: number } | null;
  runs: Run[];
}

const stageNames: Record<string, string> = {
  starting: 'Starting',
  reading: 'Reading the directory',
  people: 'Updating people',
  photos: 'Updating photos',
};

function missingWord(missing: Directory['missing'], dry: boolean): string {
  const would = dry ? 'would be ' : '';
  if (missing === 'deactivate') return `${would}deactivated`;
  if (missing === 'alumni') return `${would}made alumni`;
  return 'kept';
}

function People(props: { label: string; list?: string[] }) {
  if (!props.list || props.list.length === 0) return null;
  return (
    <details>
      <summary>
        {props.label} ({props.list.length})
      </summary>
      <ul class="plain-list">
        {props.list.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </details>
  );
}

function RunSummary(props: { run: Run; missing: Directory['missing'] }) {
  const { run } = props;
  const r = run.report;
  const would = run.dry_run ? 'would be ' : '';
  const who = run.started_by === 'schedule' ? 'on schedule' : run.started_by === 'admin' ? 'by an admin' : 'from the command line';
  return (
    <li data-testid="directory-run">
      <p>
        <strong>
          {run.dry_run ? 'Dry run' : 'Sync'} {formatTime(run.started_at)}
        </strong>{' '}
        ({who}
        {typeof r.seconds === 'number' ? `, ${r.seconds.toFixed(1)} s` : ''})
      </p>
      {run.error ? (
        <p class="alert">Failed: {run.error}</p>
      ) : run.finished_at ? (
        <p>
          {r.entries ?? 0} people listed: {r.created ?? 0} {would}created, {r.updated ?? 0} {would}updated, {r.unchanged ?? 0} unchanged,{' '}
          {(r.skipped ?? 0) + (r.without_email ?? 0)} left out; {r.missing ?? 0} no longer listed {missingWord(props.missing, run.dry_run)}.
          {r.photos_updated ? ` ${r.photos_updated} photos updated.` : ''}
        </p>
      ) : (
        <p>Not finished.</p>
      )}
      <People label={run.dry_run ? 'Would be created' : 'Created'} list={r.created_people} />
      <People label={run.dry_run ? 'Would be updated' : 'Updated'} list={r.updated_people} />
      <People label="No longer listed" list={r.missing_people} />
      <People label="Left out" list={r.problems} />
    </li>
  );
}

export function AdminDirectory() {
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const load = async () => {
    try {
      const d = await api<Directory>('GET', '/api/v1/admin/directory');
      setDirectory(d);
      window.clearTimeout(timer.current);
      if (d.running) timer.current = window.setTimeout(load, 1000);  // progress while it runs
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    load();
    return () => window.clearTimeout(timer.current);
  }, []);
  const start = async (dry_run: boolean) => {
    setError(null);
    try {
      await api('POST', '/api/v1/admin/directory/sync', { dry_run });
      await load();
    } catch (e) {
      setError(describeError(e));
    }
  };
  if (!directory || !directory.configured) return null;  // no directory: nothing to show
  const running = directory.running;
  const percent = running && running.total > 0 ? Math.round((running.done * 100) / running.total) : null;
  return (
    <section class="card" aria-labelledby="directory-heading" data-testid="admin-directory">
      <h2 id="directory-heading">Directory sync</h2>
      <p>
        People come from <code>{directory.url}</code> ({directory.base_dn}),{' '}
        {directory.sync_minutes > 0 ? `every ${directory.sync_minutes} minutes` : 'when an admin syncs'}. People it no longer lists are{' '}
        {missingWord(directory.missing, false)}.{directory.sign_in ? ' They sign in with their directory password.' : ''}
      </p>
      <Alert message={error} />
      {running ? (
        <div role="status">
          <p>
            {stageNames[running.stage] ?? running.stage}
            {running.total === 0 && running.done > 0 ? `: ${running.done} people so far` : ''}…
          </p>
          {percent !== null && (
            <progress max={100} value={percent} aria-label={`${stageNames[running.stage] ?? running.stage}: ${percent}%`}>
              {percent}%
            </progress>
          )}
        </div>
      ) : (
        <p class="actions">
          <button type="button" onClick={() => start(false)}>
            Sync now
          </button>{' '}
          <button type="button" class="secondary" onClick={() => start(true)}>
            Dry run
          </button>
        </p>
      )}
      {directory.runs.length > 0 && (
        <>
          <h3>Recent runs</h3>
          <ul class="plain-list runs">
            {directory.runs.map((r) => (
              <RunSummary key={r.id} run={r} missing={directory.missing} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
