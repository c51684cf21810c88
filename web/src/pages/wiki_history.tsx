// A page's history: every revision with its author, time and summary, newest first; the
// difference between any two (the lines that changed, and in them the words), and restoring
// an old revision as a new one.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Schemas } from '../api';
import { Alert, PageHeading } from '../components';
import { confirmAction } from '../confirm';
import { navigate } from '../router';
import { setTitle } from '../title';
import { toast } from '../toast';
import { usePaged } from '../paged';
import { pagePath } from './wiki';
import type { WikiPage } from './wiki_page';
import { formatDateTime, formatList, t } from '../i18n/i18n';

type Revision = Schemas['WikiRevision'];
type Diff = Schemas['WikiDiff'];
type Blame = Schemas['WikiBlame'];

function DiffView(props: { diff: Diff }) {
  if (props.diff.hunks.length === 0) return <p class="muted">{t('wiki.diff_same')}</p>;
  return (
    <div class="wiki-diff" role="table" aria-label={t('wiki.diff_label', { from: props.diff.from, to: props.diff.to })}>
      {props.diff.hunks.map((h, i) => (
        <div key={i} class="hunk" role="rowgroup">
          <div class="hunk-head muted small" role="row"><span role="cell">{t('wiki.diff_at', { line: h.new_start })}</span></div>
          {h.lines.map((l, j) => (
            <div key={j} class={`diff-line ${l.op}`} role="row">
              <span class="diff-sign" role="cell" aria-label={t(l.op === 'added' ? 'wiki.diff_added' : l.op === 'removed' ? 'wiki.diff_removed' : 'wiki.diff_unchanged')}>
                {l.op === 'added' ? '+' : l.op === 'removed' ? '−' : ' '}
              </span>
              <span class="diff-text" role="cell">
                {l.pieces.map((p, k) => (p.changed && l.op !== 'same' ? (l.op === 'added' ? <ins key={k}>{p.text}</ins> : <del key={k}>{p.text}</del>) : <span key={k}>{p.text}</span>))}
              </span>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

export function WikiHistory(props: { space: string; slug: string }) {
  const [page, setPage] = useState<WikiPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = new URLSearchParams(location.search);
  const [from, setFrom] = useState<number | null>(Number(asked.get('from')) || null);
  const [to, setTo] = useState<number | null>(Number(asked.get('to')) || null);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [blame, setBlame] = useState(asked.get('view') === 'blame');
  useEffect(() => {
    api<WikiPage>('GET', `/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/pages/${encodeURIComponent(props.slug)}`).then(
      (p) => { setPage(p); setTitle(t('wiki.history_title', { title: p.title })); },
      (e) => setError(describeError(e)),
    );
  }, [props.space, props.slug]);
  useEffect(() => {
    if (!page || !from) return;
    const upto = to ?? page.revision;
    history.replaceState(history.state, '', `${location.pathname}?from=${from}&to=${upto}`);
    api<Diff>('GET', `/api/v1/wiki/pages/${page.id}/diff?from=${from}&to=${upto}`).then(setDiff, (e) => setError(describeError(e)));
  }, [page?.id, from, to]);
  if (!page) return <section><PageHeading>{t('wiki.history')}</PageHeading><Alert message={error} /></section>;
  const restore = async (r: Revision) => {
    if (!(await confirmAction({ title: t('wiki.restore'), body: t('wiki.restore_confirm', { n: r.number }), confirm: t('wiki.restore') }))) return;
    try {
      await api('POST', `/api/v1/wiki/pages/${page.id}/restore`, { revision: r.number });
      toast(t('wiki.restored', { n: r.number }));
      navigate(pagePath(page.space.handle, page.slug));
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section>
      <nav class="breadcrumbs" aria-label={t('wiki.breadcrumbs')}>
        <a href="/wiki">{t('nav.wiki')}</a>{' / '}<a href={`/wiki/${page.space.handle}`}>{page.space.name}</a>
        {' / '}<a href={pagePath(page.space.handle, page.slug)}>{page.title}</a>
      </nav>
      <PageHeading>{t('wiki.history_title', { title: page.title })}</PageHeading>
      <Alert message={error} />
      {diff && (
        <section aria-labelledby="diff-title">
          <h2 id="diff-title">{t('wiki.diff_title', { from: diff.from, to: diff.to })}</h2>
          <DiffView diff={diff} />
        </section>
      )}
      <div class="actions">
        <button type="button" class="secondary" aria-expanded={blame} aria-controls="blame" onClick={() => setBlame(!blame)}>{t('wiki.blame_show')}</button>
      </div>
      {blame && <WhoWroteWhat page={page} onCompare={(a, b) => { setFrom(a); setTo(b); scrollTo(0, 0); }} />}
      <Revisions page={page} onCompare={(a, b) => { setFrom(a); setTo(b); }} onRestore={restore} />
    </section>
  );
}

// Each paragraph with the revision that last changed it (which opens that change) and
// whose lines it holds.
function WhoWroteWhat(props: { page: WikiPage; onCompare: (from: number, to: number) => void }) {
  const [blame, setBlame] = useState<Blame | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Blame>('GET', `/api/v1/wiki/pages/${props.page.id}/blame`).then(setBlame, (e) => setError(describeError(e)));
  }, [props.page.id, props.page.revision]);
  return (
    <section id="blame" class="wiki-blame" aria-labelledby="blame-title" aria-busy={!blame && !error}>
      <h2 id="blame-title">{t('wiki.blame_show')}</h2>
      <Alert message={error} />
      {blame && blame.first_revision > 1 && <p class="muted small">{t('wiki.blame_from', { n: blame.first_revision })}</p>}
      {blame && blame.paragraphs.length === 0 && <p class="muted">{t('wiki.blame_empty')}</p>}
      {blame && (
        <ol class="plain-list">
          {blame.paragraphs.map((p, i) => (
            <li key={i} class="blame-row" data-testid="blame-paragraph">
              <p class="muted small">
                {p.revision > 1
                  ? <button type="button" class="link" onClick={() => props.onCompare(p.revision - 1, p.revision)}>
                      {t('wiki.blame_line', { n: p.revision, who: p.author.display_name, when: formatDateTime(p.changed_at) })}
                    </button>
                  : t('wiki.blame_line', { n: p.revision, who: p.author.display_name, when: formatDateTime(p.changed_at) })}
                {p.authors.length > 1 && <> · {t('wiki.blame_writers', { names: formatList(p.authors.map((a) => a.display_name)) })}</>}
              </p>
              <pre class="passage">{p.text}</pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Revisions(props: { page: WikiPage; onCompare: (from: number, to: number) => void; onRestore: (r: Revision) => void }) {
  const { items, more, error } = usePaged<Revision>(`/api/v1/wiki/pages/${props.page.id}/revisions?limit=50`);
  return (
    <>
      <Alert message={error} />
      {items && (
        <ol class="plain-list revisions" aria-label={t('wiki.revisions')}>
          {items.map((r) => (
            <li key={r.number} class="card" data-testid="wiki-revision">
              <strong>{t('wiki.revision', { n: r.number })}</strong>{' · '}{r.author.display_name}{' · '}
              <time dateTime={r.created_at}>{formatDateTime(r.created_at)}</time>
              {r.summary && <p class="small">{r.summary}</p>}
              <div class="actions">
                {r.number > 1 && (
                  <button type="button" class="secondary" onClick={() => props.onCompare(r.number - 1, r.number)}>
                    {t('wiki.compare_previous')}
                  </button>
                )}
                {r.number < props.page.revision && (
                  <button type="button" class="secondary" onClick={() => props.onCompare(r.number, props.page.revision)}>
                    {t('wiki.compare_current')}
                  </button>
                )}
                {r.number < props.page.revision && props.page.space.can_edit && (
                  <button type="button" class="secondary" onClick={() => props.onRestore(r)}>{t('wiki.restore')}</button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {more && <button type="button" class="secondary" onClick={more}>{t('common.show_more')}</button>}
    </>
  );
}
