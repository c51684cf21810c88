// A community's Blog tab: its blog's newest entries, read by the community's readers, and for
// its owners and moderators, the way to start that blog.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api';
import { createAtFreeHandle } from '../free_handle';
import { Alert } from '../components';
import { t } from '../i18n/i18n';
import { EntryList, type Blog } from './blogs';

export function CommunityBlog(props: { community: { id: string; handle: string; name: string }; manages: boolean }) {
  const [blogs, setBlogs] = useState<Blog[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<{ items: Blog[] }>('GET', `/api/v1/communities/${props.community.id}/blogs`).then((r) => setBlogs(r.items), (e) => setError(describeError(e)));
  useEffect(() => {
    load();
  }, [props.community.id]);
  const start = async () => {
    try {
      await createAtFreeHandle(`${props.community.handle}-blog`, (handle) =>
        api('POST', '/api/v1/blogs', { name: props.community.name, handle, audience: 'community', community: props.community.id }));
      setError(null);
      await load();
    } catch (e) {
      setError(describeError(e));
    }
  };
  if (!blogs) return <Alert message={error} />;
  return (
    <>
      <h2 class="visually-hidden">{t('community.tab_blog')}</h2>
      <Alert message={error} />
      {blogs.length === 0 && (props.manages ? (
        <div class="card">
          <p>{t('community.blog_none_manager')}</p>
          <button type="button" onClick={start}>{t('community.blog_start')}</button>
        </div>
      ) : <p class="muted">{t('community.blog_none')}</p>)}
      {blogs.map((b) => (
        <section key={b.id} aria-labelledby={`community-blog-${b.id}`}>
          <h3 id={`community-blog-${b.id}`}><a href={`/blogs/${b.handle}`}>{b.name}</a></h3>
          {b.description && <p>{b.description}</p>}
          {b.my_role && (
            <div class="actions">
              <a class="button" href={`/blogs/${b.handle}/write`}>{t('blog.write')}</a>
            </div>
          )}
          <EntryList url={`/api/v1/blogs/${b.handle}/entries?state=published&limit=10`} label={b.name} empty={t('blog.no_entries')} />
        </section>
      ))}
    </>
  );
}
