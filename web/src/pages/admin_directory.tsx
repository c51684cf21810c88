// People admin: the directory sync (LDAP / Active Directory). Where people come from, the
// sync in progress with its progress bar, "Sync now" and "Dry run", and the recent runs with
// what each changed (who was created, updated, no longer listed) or why it failed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError, formatTime, type Schemas } from '../api';
import { Alert } from '../components';
import { formatNumber, t, tx } from '../i18n/i18n';

type Directory = Schemas['DirectorySync'];
type Run = Directory['runs'][number];



const stageName = (stage: string) => t('ldap_sync.stage', { stage });

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
  return (
    <li data-testid="directory-run">
      <p>
        <strong>
          {t('ldap_sync.run_title', { dry: String(run.dry_run), when: formatTime(run.started_at) })}
        </strong>{' '}
        ({t('ldap_sync.started_by', { by: run.started_by })}
        {typeof r.seconds === 'number' ? `, ${formatNumber(r.seconds, { style: 'unit', unit: 'second', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1 })}` : ''})
      </p>
      {run.error ? (
        <p class="alert">{t('ldap_sync.failed', { error: run.error })}</p>
      ) : run.finished_at ? (
        <p>
          {t(run.dry_run ? 'ldap_sync.report_dry' : 'ldap_sync.report', {
            entries: r.entries ?? 0, created: r.created ?? 0, updated: r.updated ?? 0, unchanged: r.unchanged ?? 0,
            left: (r.skipped ?? 0) + (r.without_email ?? 0), missing: r.missing ?? 0, state: props.missing,
          })}
          {r.photos_updated ? ` ${t('ldap_sync.photos_updated', { count: r.photos_updated })}` : ''}
        </p>
      ) : (
        <p>{t('ldap_sync.not_finished')}</p>
      )}
      <People label={run.dry_run ? t('ldap_sync.would_create') : t('ldap_sync.created')} list={r.created_people} />
      <People label={run.dry_run ? t('ldap_sync.would_update') : t('ldap_sync.updated')} list={r.updated_people} />
      <People label={t('ldap_sync.no_longer_listed')} list={r.missing_people} />
      <People label={t('ldap_sync.left_out')} list={r.problems} />
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
      <h2 id="directory-heading">{t('ldap_sync.heading')}</h2>
      <p>
        {tx('ldap_sync.source', { url: <code>{directory.url}</code>, base: directory.base_dn, minutes: directory.sync_minutes, missing: directory.missing })}
        {directory.sign_in ? ` ${t('ldap_sync.sign_in')}` : ''}
      </p>
      <Alert message={error} />
      {running ? (
        <div role="status">
          <p>
            {running.total === 0 && running.done > 0
              ? t('ldap_sync.so_far', { stage: stageName(running.stage), count: running.done })
              : stageName(running.stage)}…
          </p>
          {percent !== null && (
            <progress max={100} value={percent} aria-label={`${stageName(running.stage)}: ${formatNumber(percent / 100, { style: 'percent' })}`}>
              {formatNumber(percent / 100, { style: 'percent' })}
            </progress>
          )}
        </div>
      ) : (
        <p class="actions">
          <button type="button" onClick={() => start(false)}>
            {t('ldap_sync.sync_now')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => start(true)}>
            {t('ldap_sync.dry_run')}
          </button>
        </p>
      )}
      {directory.runs.length > 0 && (
        <>
          <h3>{t('ldap_sync.recent_runs')}</h3>
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
