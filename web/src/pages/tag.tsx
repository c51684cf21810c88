// A hashtag: follow or unfollow it (the button says which it will do), write a post with
// it (the home composer, started with the tag), and its posts.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Schemas } from '../api';
import { Alert, PageHeading } from '../components';
import { FeedView } from '../feed_view';
import { navigate } from '../router';
import { t } from '../i18n/i18n';

export function TagPage(props: { tag: string }) {
  const [followed, setFollowed] = useState<boolean | null>(null);
  const [tag, setTag] = useState(props.tag);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Schemas['Hashtag']>('GET', `/api/v1/tags/${encodeURIComponent(props.tag)}`)
      .then((found) => { setTag(found.tag); setFollowed(found.followed_by_me); })
      .catch((e) => setError(describeError(e)));
  }, [props.tag]);
  const toggle = async () => {
    try {
      const now = await api<Schemas['Hashtag']>(followed ? 'DELETE' : 'POST', `/api/v1/tags/${encodeURIComponent(tag)}/follow`);
      setFollowed(now.followed_by_me);
    } catch (e) {
      setError(describeError(e));
    }
  };
  // The composer keeps its draft in sessionStorage (composer.tsx): start one with the tag.
  const postWithTag = () => {
    try {
      const key = 'agora.draft.home';
      const draft = sessionStorage.getItem(key) ?? '';
      sessionStorage.setItem(key, `${draft}${draft && !draft.endsWith(' ') ? ' ' : ''}#${tag} `);
    } catch {
      // storage refused: the composer opens empty
    }
    navigate('/');
  };
  return (
    <section>
      <PageHeading>#{tag}</PageHeading>
      <div class="actions">
        {followed !== null && (
          <button type="button" class={followed ? 'secondary' : ''} onClick={toggle}>
            {followed ? t('tag.unfollow', { tag }) : t('tag.follow')}
          </button>
        )}
        <button type="button" class="secondary" onClick={postWithTag}>{t('tag.post_with', { tag })}</button>
      </div>
      {followed && <p class="muted small">{t('tag.following', { tag })}</p>}
      <p><a href={`/blog-entries?tag=${encodeURIComponent(tag)}`}>{t('tag.blog_entries', { tag })}</a></p>
      <Alert message={error} />
      <FeedView source={`tag:${tag}`} empty={t('tag.empty')} />
    </section>
  );
}
