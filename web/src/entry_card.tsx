// A blog entry among the posts of the home feed (an entry of a blog the reader follows): who
// published it where, its title, summary and cover, leading to the entry's page.
import type { Schemas } from './api';
import { Avatar } from './components';
import { timeAgo } from './content';
import { formatList, t, tx } from './i18n/i18n';

export type BlogEntry = Schemas['BlogEntry'];

export function EntryCard(props: { entry: BlogEntry }) {
  const e = props.entry;
  const href = `/blogs/${e.blog.handle}/entries/${e.id}`;
  const names = formatList([e.author, ...e.coauthors].map((a) => a.display_name));
  return (
    <article class="post entry-card" data-testid="feed-entry" aria-labelledby={`feed-entry-${e.id}`}>
      <div class="post-head">
        <Avatar name={e.author.display_name} photo={e.author.photo} size={40} />
        <p class="muted small">
          {tx('feed.entry_published', { who: names, blog: <a href={`/blogs/${e.blog.handle}`}>{e.blog.name}</a> })}
          {e.published_at && <> · <time dateTime={e.published_at}>{timeAgo(e.published_at)}</time></>}
        </p>
      </div>
      {e.cover && <img class="entry-card-cover" src={e.cover.preview_url} alt="" width={e.cover.preview_width} height={e.cover.preview_height} loading="lazy" />}
      <h2 class="entry-card-title" id={`feed-entry-${e.id}`}><a href={href}>{e.title}</a></h2>
      {e.excerpt && <p>{e.excerpt}</p>}
      <p class="muted small">
        {t('entry.recommend_count', { count: e.recommend_count })}
        {e.comment_count > 0 && ` · ${t('post.comments_count', { count: e.comment_count })}`}
      </p>
    </article>
  );
}
