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

export function PostPage(props: { id: string }) {
  const [post, setPost] = useState<Post | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const highlight = location.hash.startsWith('#comment-') ? location.hash.slice('#comment-'.length) : undefined;
  useEffect(() => {
    api<Post>('GET', `/api/v1/posts/${encodeURIComponent(props.id)}`)
      .then((p) => {
        setPost(p);
        setTitle(`Post by ${p.author.display_name}`);
      })
      .catch((e) =>
        setMissing(e instanceof ApiError && e.status === 404
          ? 'This post was deleted, or it was shared with people you are not among.'
          : 'The post could not be loaded. Check your connection and try again.'));
  }, [props.id]);
  useEffect(() => (post ? watch([post.id]) : undefined), [post?.id]);
  return (
    <section>
      {post?.community && (
        <nav aria-label="Breadcrumb" class="breadcrumb">
          <a href="/communities">Communities</a> › <a href={`/communities/${post.community.handle}`}>{post.community.name}</a>
        </nav>
      )}
      <PageHeading>{post ? `Post by ${post.author.display_name}` : 'Post'}</PageHeading>
      <Alert message={missing} />
      {missing && <p><a href="/">Back to the home feed</a></p>}
      {post && (
        <PostCard post={post} openComments highlight={highlight}
          onChange={(p) => (p ? setPost(p) : setMissing('The post was deleted.'))} />
      )}
    </section>
  );
}
