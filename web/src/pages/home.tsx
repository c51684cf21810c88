// Home: share an update, then the feed in two tabs: Following (people and hashtags one
// follows, one's communities, posts shared with one by name, one's own) and Discover
// (everything one may read across the organization). Beside it on wide screens, what to do
// next (rail.tsx); a new person's empty feed offers the same, and a nudge to fill in the
// profile. A guest is pointed to the communities they were invited to.
import { useEffect, useState } from 'preact/hooks';
import { api, type User } from '../api';
import { Composer } from '../composer';
import { PageHeading } from '../components';
import type { Post } from '../content';
import { FeedView } from '../feed_view';
import { Suggestions } from '../rail';
import { Tabs } from '../tabs';
import { whenIdle } from '../lazy';
import { formatList, t } from '../i18n/i18n';
import type { Profile } from './profile';

const NUDGE_DISMISSED = 'agora.profile-nudge-dismissed';

// "Complete your profile" while a photo, a job title or expertise is missing.
function ProfileNudge(props: { user: User }) {
  const [missing, setMissing] = useState<string[]>([]);
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(NUDGE_DISMISSED) === props.user.id);
  useEffect(() => {
    if (dismissed || props.user.role === 'guest') return;
    return whenIdle(() => api<Profile>('GET', '/api/v1/people/me').then((p) => {
      const m: string[] = [];
      if (!p.photo) m.push(t('nudge.photo'));
      if (!p.title) m.push(t('nudge.title'));
      if (p.expertise.length === 0) m.push(t('nudge.expertise'));
      setMissing(m);
    }, () => setMissing([])));
  }, []);
  if (dismissed || missing.length === 0) return null;
  const list = formatList(missing);
  return (
    <section class="nudge" aria-labelledby="nudge-heading">
      <h2 id="nudge-heading">{t('nudge.heading')}</h2>
      <p>{t('nudge.body', { list })}</p>
      <div class="actions">
        <a class="button" href={`/people/${props.user.handle}`}>{t('nudge.go')}</a>
        <button type="button" class="secondary" onClick={() => { localStorage.setItem(NUDGE_DISMISSED, props.user.id); setDismissed(true); }}>
          {t('nudge.not_now')}
        </button>
      </div>
    </section>
  );
}

export function HomePage(props: { user: User }) {
  const [posted, setPosted] = useState<Post[]>([]);
  const canPost = props.user.role !== 'alumnus';
  const member = props.user.role === 'member' || props.user.role === 'admin';
  const emptyFollowing = (
    <div class="empty-state">
      <p>{t('home.empty_following')}</p>
      {member && (
        <p>
          <button type="button" onClick={() => { location.hash = 'discover'; }}>{t('home.go_discover')}</button>
        </p>
      )}
      {props.user.role === 'guest' && <p><a href="/communities?mine=true">{t('home.go_communities')}</a></p>}
      <div class="rail-inline"><Suggestions user={props.user} id="inline" /></div>
    </div>
  );
  const tabs = [
    { id: 'following', label: t('home.tab_following'), render: () => <FeedView prepend={posted} empty={emptyFollowing} /> },
    ...(member ? [{
      id: 'discover',
      label: t('home.tab_discover'),
      render: () => <FeedView source="discover" empty={t('home.empty_discover')} />,
    }] : []),
  ];
  return (
    <div class="with-rail">
      <section class="column">
        <PageHeading>{t('home.welcome', { name: props.user.display_name })}</PageHeading>
        <ProfileNudge user={props.user} />
        {canPost && <Composer guest={props.user.role === 'guest'} onPosted={(p) => setPosted([p, ...posted])} />}
        <h2 class="visually-hidden">{t('home.your_feed')}</h2>
        <Tabs label={t('home.feeds')} tabs={tabs} />
      </section>
      <aside class="rail" aria-label={t('home.suggestions')}>
        <Suggestions user={props.user} id="rail" />
      </aside>
    </div>
  );
}
