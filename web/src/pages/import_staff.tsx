import { useRef, useState } from 'preact/hooks';
import { api, describeError, getCsrfToken, problemFrom, type Schemas } from '../api';
import { Alert } from '../components';
import { t } from '../i18n/i18n';

type Job = Schemas['ImportJob'];



// Import the staff list (CSV). The server checks every row first; the page shows progress
// while it writes, then the report with every bad row by line.
export function ImportStaff(props: { onImported: () => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [dryRun, setDryRun] = useState(true);
  const [validRows, setValidRows] = useState(false);
  const [markAlumni, setMarkAlumni] = useState(false);
  const [invite, setInvite] = useState(true);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  const start = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setJob(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError(t('import.choose_file_first'));
      return;
    }
    const params = new URLSearchParams();
    if (dryRun) params.set('dry_run', 'true');
    if (validRows) params.set('import_valid_rows', 'true');
    if (markAlumni) params.set('mark_missing_alumni', 'true');
    if (invite) params.set('invite', 'true');
    try {
      const res = await fetch(`/api/v1/admin/people/imports?${params}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': getCsrfToken(), Accept: 'application/json' },
        body: await file.text(),
        credentials: 'same-origin',
      });
      const body = await res.json().catch(() => undefined);
      if (!res.ok) throw problemFrom(res.status, body, res.headers.get('Retry-After'));
      let current = body as Job;
      setJob(current);
      while (current.state === 'running') {
        await new Promise((r) => setTimeout(r, 300));
        current = await api<Job>('GET', `/api/v1/admin/people/imports/${current.id}`);
        setJob(current);
      }
      if (current.report?.applied) props.onImported();
    } catch (err) {
      setError(describeError(err));
    }
  };

  const r = job?.report;
  return (
    <form class="card" onSubmit={start} aria-labelledby="import-heading">
      <h2 id="import-heading">{t('import.heading')}</h2>
      <p class="hint">
        {t('import.hint', { columns: 'email, display_name, title, department, office, country, manager_email, phone, expertise' })}
      </p>
      <div class="field">
        <label for="import_file">{t('import.file')}</label>
        <input id="import_file" type="file" accept=".csv,text/csv" ref={fileRef} />
      </div>
      <div class="checks">
        <label><input type="checkbox" checked={dryRun} onChange={(e) => setDryRun((e.target as HTMLInputElement).checked)} /> {t('import.dry_run')}</label>
        <label><input type="checkbox" checked={validRows} onChange={(e) => setValidRows((e.target as HTMLInputElement).checked)} /> {t('import.valid_rows')}</label>
        <label><input type="checkbox" checked={markAlumni} onChange={(e) => setMarkAlumni((e.target as HTMLInputElement).checked)} /> {t('import.mark_alumni')}</label>
        <label><input type="checkbox" checked={invite} onChange={(e) => setInvite((e.target as HTMLInputElement).checked)} /> {t('import.invite')}</label>
      </div>
      <button type="submit" disabled={job?.state === 'running'}>{t('import.start')}</button>
      <Alert message={error} />
      {job?.state === 'running' && (
        <p>
          <label for="import_progress">{t('import.importing')} </label>
          <progress id="import_progress" max={job.total || 1} value={job.done} />
        </p>
      )}
      {job?.state === 'failed' && <Alert message={job.error?.detail ?? t('import.failed')} />}
      {r && (
        <div role="status" data-testid="import-report">
          <p>
            {t(r.applied ? 'import.report' : 'import.report_dry', {
              rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, bad: r.bad,
            })}
            {markAlumni && ` ${t(r.applied ? 'import.report_alumni' : 'import.report_alumni_dry', { count: r.marked_alumni })}`}
            {!r.applied && ` ${r.problems.length > 0 && !validRows ? t('import.nothing_changed_bad_rows') : t('import.nothing_changed_dry_run')}`}
            {r.applied && r.invited > 0 && ` ${t('admin_users.invitations_sent', { count: r.invited })}`}
          </p>
          {r.problems.length > 0 && (
            <div class="table-scroll">
            <table>
              <caption>{t('import.rows_to_fix')}</caption>
              <thead>
                <tr><th scope="col">{t('import.line')}</th><th scope="col">{t('import.field')}</th><th scope="col">{t('import.problem')}</th></tr>
              </thead>
              <tbody>
                {r.problems.map((p) => (
                  <tr key={`${p.line}-${p.field}`}><td>{p.line}</td><td>{p.field}</td><td>{p.reason}</td></tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
        </div>
      )}
    </form>
  );
}
