// One post on its own page (where notifications and timestamps link to).
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api';
import { Alert, PageHeading } from '../components';
import type { Post } from '../content';
import { PostCard } from '../post_card';
import { watch } from '../stream';

export function PostPage(props: { id: string }) {
  const [post, setPost] = useState<Post | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Post>('GET', `/api/v1/posts/${encodeURIComponent(props.id)}`).then(setPost).catch((e) => setError(describeError(e)));
  }, [props.id]);
  useEffect(() => (post ? watch([post.id]) : undefined), [post?.id]);
  return (
    <section>
      <PageHeading>Post</PageHeading>
      <Alert message={error} />
      {post && <PostCard post={post} onChange={(p) => (p ? setPost(p) : setError('The post was deleted.'))} />}
    </section>
  );
}
