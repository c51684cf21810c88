// The results page (/search?q=...&kind=...&sort=...): everything the reader may read that
// matches, with the matching words marked, filters by kind with their counts, best match or
// newest first, and more results on demand. The address holds the whole search, so a search
// can be shared, reloaded and gone back to.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Answer, type Schemas } from '../api';
import { Alert, Avatar, PageHeading } from '../components';
import { navigate } from '../router';
import { searchPath } from '../search_box';
import { setTitle } from '../title';
import { formatDate, formatNumber, t, tx, type MessageId } from '../i18n/i18n';
import { LANGUAGES } from '../i18n/languages';

type Found = Answer<'/api/v1/search', 'get'>;
type Result = Schemas['SearchResult'];
type Kind = Schemas['SearchKind'];

const KINDS: Kind[] = ['person', 'post', 'topic', 'blog_entry', 'wiki_page', 'comment', 'blog', 'wiki_space', 'community'];
const KIND_NAMES: Record<Kind, MessageId> = {
  person: 'search.kind.person',
  post: 'search.kind.post',
  topic: 'search.kind.topic',
  blog_entry: 'search.kind.blog_entry',
  blog: 'search.kind.blog',
  comment: 'search.kind.comment',
  community: 'search.kind.community',
  wiki_page: 'search.kind.wiki_page',
  wiki_space: 'search.kind.wiki_space',
};
const KIND_ONE: Record<Kind, MessageId> = {
  person: 'search.one.person',
  post: 'search.one.post',
  topic: 'search.one.topic',
  blog_entry: 'search.one.blog_entry',
  blog: 'search.one.blog',
  comment: 'search.one.comment',
  community: 'search.one.community',
  wiki_page: 'search.one.wiki_page',
  wiki_space: 'search.one.wiki_space',
};

function SnippetParts(props: { parts: Result['snippet'] }) {
  return <>{props.parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

export function Snippet(props: { parts: Result['snippet'] }) {
  if (props.parts.length === 0) return null;
  return (
    <p class="snippet">
      <SnippetParts parts={props.parts} />
    </p>
  );
}

function ResultItem(props: { item: Result }) {
  const r = props.item;
  const who = r.person ?? r.author;
  const heading = r.title || (r.author ? r.author.display_name : t(KIND_ONE[r.kind]));
  return (
    <li class="card search-result" data-testid="search-result">
      <div class="result-head">
        {who && <Avatar name={who.display_name} photo={who.photo} size={36} />}
        <div>
          <a href={r.url} class="result-title">{heading}</a>
          <div class="muted small">
            {t(KIND_ONE[r.kind])}
            {r.subtitle && ` · ${r.subtitle}`}
            {r.title && r.author && ` · ${t('search.by', { name: r.author.display_name })}`}
            {r.community && r.kind !== 'community' && ` · ${t('search.in', { community: r.community.name })}`}
            {r.created_at && ` · ${formatDate(r.created_at)}`}
          </div>
        </div>
      </div>
      <Snippet parts={r.snippet} />
      {r.wrote && (
        <p class="snippet result-wrote">
          <a href={r.wrote.url}>{t('search.wrote')}</a> <SnippetParts parts={r.wrote.snippet} />
        </p>
      )}
    </li>
  );
}

// One facet (authors, communities, languages): each value a link to the search narrowed to
// it, with how many matches have it. Nothing when no match has any.
function FacetLinks(props: { heading: string; values: { label: string; href: string; count: string }[] }) {
  if (props.values.length === 0) return null;
  return (
    <nav aria-label={props.heading} class="facet-list">
      <h2 class="small-heading">{props.heading}</h2>
      <ul>
        {props.values.map((v) => (
          <li key={v.href}><a href={v.href}>{v.label}</a> <span class="muted">{v.count}</span></li>
        ))}
      </ul>
    </nav>
  );
}

// The filters a search may carry besides its words, in the address and the API alike.
const FILTERS = ['kind', 'sort', 'author', 'community', 'lang', 'after'] as const;

// "Written": how far back, as the `after` day.
const PERIODS: { days: number; label: MessageId }[] = [
  { days: 7, label: 'search.past_week' },
  { days: 31, label: 'search.past_month' },
  { days: 365, label: 'search.past_year' },
];
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

export function SearchPage() {
  const params = new URLSearchParams(location.search);
  const q = params.get('q') ?? '';
  const kind = (params.get('kind') ?? '') as Kind | '';
  const sort = params.get('sort') === 'date' ? 'date' : 'relevance';
  const author = params.get('author') ?? '';
  const community = params.get('community') ?? '';
  const lang = params.get('lang') ?? '';
  const after = params.get('after') ?? '';
  // The address of this search with one filter set (or removed, for '').
  const withFilter = (name: (typeof FILTERS)[number], value: string) => {
    const next: Record<string, string> = {};
    for (const f of FILTERS) if (params.get(f)) next[f] = params.get(f)!;
    if (value) next[name] = value;
    else delete next[name];
    return searchPath(q, next);
  };
  const [found, setFound] = useState<Found | null>(null);
  const [items, setItems] = useState<Result[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A page searches a bounded stretch of time: one that found nothing there but may find
  // something older goes on by itself (a few times), as a mail client searches older mail.
  const load = async (cursor: string | null, goneOn = 0): Promise<void> => {
    const query = new URLSearchParams({ q });
    for (const f of FILTERS) if (params.get(f)) query.set(f, params.get(f)!);
    if (cursor) query.set('cursor', cursor);
    setLoading(true);
    try {
      const page = await api<Found>('GET', `/api/v1/search?${query}`);
      // The counts come with the first page; later pages keep them.
      setFound((old) => (cursor && old ? { ...page, facets: old.facets } : page));
      setTitle(t('search.results_for', { q }));
      setItems((old) => (cursor ? [...old, ...page.items] : page.items));
      setError(null);
      if (page.items.length === 0 && page.next_cursor && goneOn < 8) return await load(page.next_cursor, goneOn + 1);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    if (q.trim()) void load(null);
  }, []);
  const counts = new Map((found?.facets.kind ?? []).map((f) => [f.value, f.count]));
  const total = KINDS.reduce((n, k) => n + (counts.get(k) ?? 0), 0);
  const shownTotal = kind ? counts.get(kind) ?? 0 : total;
  const link = (k: Kind | '') => withFilter('kind', k);
  const facets = found?.facets;
  // Counts of the recent documents searched, when not of everything: "at least".
  const count = (n: number) => (facets && !facets.complete ? t('search.at_least', { count: formatNumber(n) }) : formatNumber(n));
  return (
    <section class="search-page">
      <PageHeading>{q ? t('search.results_for', { q }) : t('search.heading')}</PageHeading>
      {!q.trim() && <p class="muted">{t('search.empty_query')}</p>}
      {q.trim() && (
        <>
          <nav aria-label={t('search.filter_kind')} class="facets">
            <ul>
              <li><a href={link('')} aria-current={kind === '' ? 'page' : undefined}>{t('search.kind_all')} <span class="count">{count(total)}</span></a></li>
              {KINDS.map((k) => (
                <li key={k}>
                  <a href={link(k)} aria-current={kind === k ? 'page' : undefined} data-testid={`facet-${k}`}>
                    {t(KIND_NAMES[k])} <span class="count">{count(counts.get(k) ?? 0)}</span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {facets && !facets.complete && <p class="muted small" data-testid="counts-recent">{t('search.counts_recent')}</p>}
          <div class="row search-sort">
            <label for="search-sort">{t('search.sort')}</label>
            <select id="search-sort" value={sort}
              onChange={(e) => navigate(withFilter('sort', (e.target as HTMLSelectElement).value === 'date' ? 'date' : ''))}>
              <option value="relevance">{t('search.sort_relevance')}</option>
              <option value="date">{t('search.sort_date')}</option>
            </select>
            <label for="search-when">{t('search.when')}</label>
            <select id="search-when" value={PERIODS.find((p) => daysAgo(p.days) === after) ? after : after ? 'custom' : ''}
              onChange={(e) => navigate(withFilter('after', (e.target as HTMLSelectElement).value))}>
              <option value="">{t('search.any_time')}</option>
              {PERIODS.map((p) => <option key={p.days} value={daysAgo(p.days)}>{t(p.label)}</option>)}
              {after && !PERIODS.some((p) => daysAgo(p.days) === after) && <option value="custom">{t('search.since', { day: formatDate(after) })}</option>}
            </select>
          </div>
          {(author || community || lang) && (
            <ul class="chips active-filters" aria-label={t('search.active_filters')}>
              {([['author', author], ['community', community], ['lang', lang]] as const).filter(([, v]) => v).map(([name, value]) => (
                <li key={name}>
                  {name === 'lang' ? LANGUAGES.find((l) => l.code === value)?.name ?? value : value}
                  <a class="chip-action" href={withFilter(name, '')} aria-label={t('search.remove_filter', { name: value })}>×</a>
                </li>
              ))}
            </ul>
          )}
          {facets && (facets.author.length > 0 || facets.community.length > 0 || facets.language.length > 1) && (
            <div class="more-facets">
              {!author && (
                <FacetLinks heading={t('search.facet_author')} values={facets.author.slice(0, 5).map((f) => ({
                  label: f.person?.display_name ?? f.value, href: withFilter('author', f.person?.handle ?? f.value), count: count(f.count) }))} />
              )}
              {!community && (
                <FacetLinks heading={t('search.facet_community')} values={facets.community.slice(0, 5).map((f) => ({
                  label: f.community?.name ?? f.value, href: withFilter('community', f.community?.handle ?? f.value), count: count(f.count) }))} />
              )}
              {facets.language.length > 1 && !lang && (
                <FacetLinks heading={t('search.facet_language')} values={facets.language.map((f) => ({
                  label: LANGUAGES.find((l) => l.code === f.value)?.name ?? f.value, href: withFilter('lang', f.value), count: count(f.count) }))} />
              )}
            </div>
          )}
        </>
      )}
      <Alert message={error} />
      <p class="visually-hidden" role="status">{loading ? t('search.loading') : found ? t('search.count', { count: shownTotal }) : ''}</p>
      {found?.suggestion && (
        <p class="did-you-mean" data-testid="did-you-mean">
          {tx('search.did_you_mean', { suggestion: <a href={searchPath(found.suggestion, kind ? { kind } : {})}><strong>{found.suggestion}</strong></a> })}
        </p>
      )}
      {found && items.length === 0 && !error && !loading && (
        <div class="empty-state">
          <p>{t('search.none', { q })}</p>
          <p class="muted small">{t('search.none_hint')}</p>
        </div>
      )}
      {items.length > 0 && (
        <ol class="cards search-results" aria-label={t('search.count', { count: shownTotal })}>
          {items.map((r) => <ResultItem key={`${r.kind}${r.id}`} item={r} />)}
        </ol>
      )}
      {found?.next_cursor && (
        <button type="button" class="secondary" disabled={loading} onClick={() => load(found.next_cursor)}>
          {t('search.more')}
        </button>
      )}
      {q.trim() && <p class="muted small search-tips">{t('search.tips')}</p>}
    </section>
  );
}
