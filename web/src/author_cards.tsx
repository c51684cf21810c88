// The people who wrote a blog entry, as its readers want to know them: photo, title and
// department, a few lines of their bio, their expertise, how to reach them, and Follow. Drawn
// from their profiles each time the entry is opened, so a new title or photo shows at once.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { Avatar } from './components';
import type { Profile } from './pages/profile';
import { t } from './i18n/i18n';

function AuthorCard(props: { handle: string; me: string }) {
  const [p, setP] = useState<Profile | null>(null);
  const load = () => api<Profile>('GET', `/api/v1/people/${encodeURIComponent(props.handle)}`).then(setP, () => setP(null));
  useEffect(() => {
    load();
  }, [props.handle]);
  if (!p) return null;
  const follow = async () => {
    await api(p.followed_by_me ? 'DELETE' : 'POST', `/api/v1/people/${p.id}/follow`).catch(() => undefined);
    await load();
  };
  const headingId = `author-${p.id}`;
  return (
    <li class="card author-card" aria-labelledby={headingId}>
      <Avatar name={p.display_name} photo={p.photo?.medium} large={p.photo?.large} size={64} />
      <div class="author-card-text">
        <h3 id={headingId}><a href={`/people/${p.handle}`}>{p.display_name}</a></h3>
        {(p.title || p.department) && <p class="muted">{[p.title, p.department].filter(Boolean).join(' · ')}</p>}
        {p.bio_html && <div class="bio author-bio" dangerouslySetInnerHTML={{ __html: p.bio_html }} />}
        {p.expertise.length > 0 && (
          <ul class="tags" aria-label={t('author.expertise', { name: p.display_name })}>
            {p.expertise.slice(0, 6).map((tag) => <li key={tag}><a href={`/people?expertise=${encodeURIComponent(tag)}`}>{tag}</a></li>)}
          </ul>
        )}
        <div class="actions">
          {p.email && <a href={`mailto:${p.email}`}>{p.email}</a>}
          {p.id !== props.me && (
            <button type="button" class="secondary small-button" onClick={follow}
              aria-label={p.followed_by_me ? t('author.unfollow', { name: p.display_name }) : t('follow.follow_person', { name: p.display_name })}>
              {p.followed_by_me ? t('follow.unfollow') : t('follow.follow')}
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

export function AuthorCards(props: { handles: string[]; me: string }) {
  return (
    <section aria-labelledby="authors-heading">
      <h2 id="authors-heading">{t('author.heading', { count: props.handles.length })}</h2>
      <ul class="author-cards">
        {props.handles.map((h) => <AuthorCard key={h} handle={h} me={props.me} />)}
      </ul>
    </section>
  );
}
