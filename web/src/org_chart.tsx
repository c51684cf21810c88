// The org chart around a person: their manager chain from the top down, the person among
// their peers (the manager's other reports), and their reports below, each of whom can be
// opened to show their own team. Every person is a link to their profile (and its chart),
// so the organization is walked with a keyboard as with a mouse; an opened team is a
// disclosure (aria-expanded).
import { useState } from 'preact/hooks';
import { api, describeError, type Page } from './api';
import { Alert, Avatar } from './components';
import type { Card } from './pages/profile';
import { t } from './i18n/i18n';

function Person(props: { card: Card; current?: boolean }) {
  const c = props.card;
  return (
    <div class={`org-person${props.current ? ' current' : ''}`} aria-current={props.current ? 'true' : undefined}>
      <Avatar name={c.display_name} photo={c.photo} size={32} />
      <div class="org-text">
        {props.current ? <strong>{c.display_name}</strong> : <a href={`/people/${c.handle}`}>{c.display_name}</a>}
        {c.title && <div class="muted small">{c.title}</div>}
      </div>
    </div>
  );
}

// A report, whose own team opens beneath them.
function Report(props: { card: Card; depth: number }) {
  const [team, setTeam] = useState<Card[] | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    if (open) {
      setOpen(false);
      return;
    }
    try {
      if (!team) setTeam((await api<Page<Card>>('GET', `/api/v1/people/${props.card.id}/reports`)).items);
      setOpen(true);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const id = `team-${props.card.id}`;
  return (
    <li>
      <div class="org-row">
        <Person card={props.card} />
        {props.depth < 6 && (
          <button type="button" class="link small" aria-expanded={open} aria-controls={open ? id : undefined} onClick={toggle}>
            {open ? t('org.hide_team', { name: props.card.display_name }) : t('org.team', { name: props.card.display_name })}
          </button>
        )}
      </div>
      <Alert message={error} />
      {open && team && (team.length === 0
        ? <p class="muted small org-empty" id={id}>{t('org.no_reports')}</p>
        : <ul class="org-reports" id={id} aria-label={t('org.reports_of', { name: props.card.display_name })}>
            {team.map((r) => <Report key={r.id} card={r} depth={props.depth + 1} />)}
          </ul>)}
    </li>
  );
}

// `own`: the reader's own profile, which says where a missing reporting line is put right.
export function OrgChart(props: { person: Card; managers: Card[]; peers: Card[]; reports: Card[]; own?: boolean }) {
  const chain = [...props.managers].reverse(); // the top first
  const around = props.peers.length > 0 ? props.peers : [props.person];
  return (
    <section aria-labelledby="org-heading" class="org-chart">
      <h2 id="org-heading">{t('org.heading')}</h2>
      {chain.length === 0 && props.reports.length === 0 && <p class="muted">{t('org.none')}</p>}
      {/* Reporting lines come from the organization's records (the staff import, the directory
          sync, SCIM), so a person does not set their own manager; they are told who does. */}
      {props.own && chain.length === 0 && (
        <p class="hint">{t('org.own_missing')}</p>
      )}
      {chain.length > 0 && (
        <ol class="org-chain" aria-label={t('org.chain')}>
          {chain.map((m) => <li key={m.id}><Person card={m} /></li>)}
        </ol>
      )}
      {(chain.length > 0 || props.reports.length > 0) && (
        <ul class="org-peers" aria-label={chain.length > 0 ? t('org.reports_of', { name: chain[chain.length - 1].display_name }) : t('org.this_person')}>
          {around.map((p) => <li key={p.id}><Person card={p} current={p.id === props.person.id} /></li>)}
        </ul>
      )}
      {props.reports.length > 0 && (
        <ul class="org-reports" aria-label={t('org.reports_of', { name: props.person.display_name })}>
          {props.reports.map((r) => <Report key={r.id} card={r} depth={1} />)}
        </ul>
      )}
    </section>
  );
}
