// One post on its own page (where notifications and timestamps link to): its comments open,
// and a comment named in the address (#comment-<id>, from a notification) is scrolled to and
// marked.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Alert, PageHeading } from '../components';
import type { Post } from '../content';
import { PostCard } from '../post_card';
import { watch } from '../stream';
import { setTitle } from '../title';
import { t } from '../i18n/i18n';

export function PostPage(props: { id: string }) {
  const [post, setPost] = useState<Post | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const highlight = location.hash.startsWith('#comment-') ? location.hash.slice('#comment-'.length) : undefined;
  useEffect(() => {
    api<Post>('GET', `/api/v1/posts/${encodeURIComponent(props.id)}`)
      .then((p) => {
        setPost(p);
        setTitle(t('post.by', { name: p.author.display_name }));
      })
      .catch((e) =>
        setMissing(e instanceof ApiError && e.status === 404
          ? t('post.missing')
          : t('post.load_failed')));
  }, [props.id]);
  useEffect(() => (post ? watch([post.id]) : undefined), [post?.id]);
  return (
    <section>
      {post?.community && (
        <nav aria-label={t('common.breadcrumb')} class="breadcrumb">
          <a href="/communities">{t('nav.communities')}</a> › <a href={`/communities/${post.community.handle}`}>{post.community.name}</a>
        </nav>
      )}
      <PageHeading>{post ? t('post.by', { name: post.author.display_name }) : t('title.post')}</PageHeading>
      <Alert message={missing} />
      {missing && <p><a href="/">{t('post.back_home')}</a></p>}
      {post && (
        <PostCard post={post} openComments highlight={highlight}
          onChange={(p) => (p ? setPost(p) : setMissing(t('post.deleted')))} />
      )}
    </section>
  );
}
