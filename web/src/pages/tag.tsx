// A hashtag: follow or unfollow it, and its posts.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api';
import { Alert, PageHeading } from '../components';
import { FeedView } from '../feed_view';

export function TagPage(props: { tag: string }) {
  const [followed, setFollowed] = useState<boolean | null>(null);
  const [tag, setTag] = useState(props.tag);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ tag: string; followed_by_me: boolean }>('GET', `/api/v1/tags/${encodeURIComponent(props.tag)}`)
      .then((t) => { setTag(t.tag); setFollowed(t.followed_by_me); })
      .catch((e) => setError(describeError(e)));
  }, [props.tag]);
  const toggle = async () => {
    try {
      const t = await api<{ followed_by_me: boolean }>(followed ? 'DELETE' : 'POST', `/api/v1/tags/${encodeURIComponent(tag)}/follow`);
      setFollowed(t.followed_by_me);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section>
      <PageHeading>#{tag}</PageHeading>
      {followed !== null && (
        <button type="button" aria-pressed={followed} onClick={toggle}>
          {followed ? 'Following' : 'Follow this hashtag'}
        </button>
      )}
      <Alert message={error} />
      <FeedView source={`tag:${tag}`} empty="No posts with this hashtag yet." />
    </section>
  );
}
