// A change in a wiki space the reader follows, among the posts of the home feed: one editing
// session (a person's saves of a page less than 30 minutes apart) — who changed which page
// where, its last summary, how many saves, and the diff of the whole session.
import type { Schemas } from './api';
import { Avatar } from './components';
import { timeAgo } from './content';
import { t, tx } from './i18n/i18n';

export type WikiChange = Schemas['WikiChange'];

export function WikiChangeCard(props: { change: WikiChange }) {
  const c = props.change;
  const page = `/wiki/${encodeURIComponent(c.space.handle)}/${encodeURIComponent(c.page.slug)}`;
  const space = <a href={`/wiki/${encodeURIComponent(c.space.handle)}`}>{c.space.name}</a>;
  const who = c.author.display_name;
  return (
    <article class="post entry-card" data-testid="feed-wiki-change" aria-labelledby={`feed-change-${c.id}`}>
      <div class="post-head">
        <Avatar name={who} photo={c.author.photo} size={40} />
        <p class="muted small">
          {c.from_revision === 0 ? tx('feed.wiki_created', { who, space }) : tx('feed.wiki_changed', { who, space })}
          {' · '}<time dateTime={c.updated_at}>{timeAgo(c.updated_at)}</time>
        </p>
      </div>
      <h2 class="entry-card-title" id={`feed-change-${c.id}`}><a href={page}>{c.page.title}</a></h2>
      {c.summary && <p>{c.summary}</p>}
      <p class="muted small">
        {t('feed.wiki_saves', { count: c.saves })}
        {c.from_revision > 0 && <>{' · '}<a href={`${page}/history?from=${c.from_revision}&to=${c.to_revision}`}>{t('feed.wiki_see_changes')}</a></>}
      </p>
    </article>
  );
}
