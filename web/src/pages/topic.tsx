// A community's forum: its topic list with a form for a new one, and a topic's own page
// (the question, its replies, the accepted answer, pin, lock and follow).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError, type Page, type Schemas } from '../api';
import { Alert, Avatar, PageHeading } from '../components';
import { timeAgo, type Comment } from '../content';
import { Comments } from '../post_card';
import { navigate } from '../router';
import { setTitle as setPageTitle } from '../title';
import { confirmAction } from '../confirm';
import { t, tx } from '../i18n/i18n';

export type Topic = Schemas['Topic'];

// A community's forum: its topics, and "Start a topic" for members (a form that opens on
// demand, so the list comes first). `reads`: the person may read it (members; everyone in
// the organization for an open community).
export function Forum(props: { communityId: string; member: boolean; reads?: boolean }) {
  const [topics, setTopics] = useState<Topic[] | null>(null);
  const [writing, setWriting] = useState(false);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [question, setQuestion] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const base = `/api/v1/communities/${props.communityId}/topics`;
  useEffect(() => {
    api<Page<Topic>>('GET', `${base}?limit=50`).then((p) => setTopics(p.items)).catch((e) => setError(describeError(e)));
  }, [props.communityId]);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const made = await api<Topic>('POST', base, { title, body, question });
      navigate(`/topics/${made.id}`);
    } catch (err) {
      setError(describeError(err));
      setField(err instanceof ApiError ? err.field : undefined);
    }
  };
  return (
    <>
      <h2>{t('community.tab_forum')}</h2>
      {props.member && !writing && (
        <button type="button" onClick={() => setWriting(true)}>{t('forum.start')}</button>
      )}
      {props.member && writing && (
        <form class="composer" onSubmit={submit} aria-labelledby="new-topic">
          <h3 id="new-topic">{t('forum.start')}</h3>
          <label for="topic-title">{t('forum.title')}</label>
          <input id="topic-title" value={title} aria-invalid={field === 'title' ? 'true' : undefined}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
          <label for="topic-body">{t('forum.body')}</label>
          <textarea id="topic-body" rows={3} value={body} aria-invalid={field === 'body' ? 'true' : undefined}
            onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
          <label class="check">
            <input type="checkbox" checked={question} onChange={(e) => setQuestion((e.target as HTMLInputElement).checked)} /> {t('forum.is_question')}
          </label>
          <Alert message={error} />
          <div class="actions">
            <button type="submit" disabled={!title.trim() || !body.trim()}>{t('forum.start_button')}</button>
            <button type="button" class="secondary" onClick={() => setWriting(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {topics && topics.length === 0 && <p class="muted">{props.member || props.reads ? t('forum.none') : t('forum.members_only')}</p>}
      {topics && topics.length > 0 && (
        <ul class="cards" aria-label={t('forum.topics')}>
          {topics.map((topic) => (
            <li key={topic.id} class="card">
              <a href={`/topics/${topic.id}`} class="author">{topic.title}</a>
              <div class="muted small">
                {topic.sticky && `${t('community.pinned')} · `}
                {topic.question && `${topic.answer_id ? t('forum.answered_question') : t('forum.question')} · `}
                {topic.locked && `${t('forum.locked')} · `}
                {topic.author.display_name} · {t('forum.replies', { count: topic.reply_count })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function TopicPage(props: { id: string }) {
  const [topic, setTopic] = useState<Topic | null>(null);
  const [community, setCommunity] = useState<{ handle: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<Topic>('GET', `/api/v1/topics/${props.id}`)
      .then((loaded) => {
        setTopic(loaded);
        setPageTitle(loaded.title);
        // Its community by name, for the way back.
        api<Schemas['Community']>('GET', `/api/v1/communities/${loaded.community_id}`).then(setCommunity, () => undefined);
      })
      .catch((e) => setError(describeError(e)));
  useEffect(() => {
    load();
  }, [props.id]);
  if (!topic) return <section><PageHeading>{t('title.topic')}</PageHeading><Alert message={error} /></section>;
  const change = async (body: Record<string, unknown>) => {
    try {
      setTopic(await api<Topic>('PATCH', `/api/v1/topics/${topic.id}`, body));
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const follow = async () => {
    try {
      setTopic(await api<Topic>(topic.following ? 'DELETE' : 'POST', `/api/v1/topics/${topic.id}/follow`));
    } catch (e) {
      setError(describeError(e));
    }
  };
  const mayAccept = topic.question && (topic.can_edit || topic.can_moderate);
  // Under each reply the asker (or a moderator) may mark it the answer, or unmark it.
  const extra = (c: Comment) =>
    !mayAccept ? null : c.id === topic.answer_id ? (
      <button type="button" class="link" onClick={() => change({ answer_id: null })}>
        {t('forum.unaccept', { name: c.author.display_name })}
      </button>
    ) : (
      <button type="button" class="link" onClick={() => change({ answer_id: c.id })}>
        {t('forum.accept', { name: c.author.display_name })}
      </button>
    );
  const communityPath = `/communities/${community?.handle ?? topic.community_id}`;
  return (
    <section>
      <nav aria-label={t('common.breadcrumb')} class="breadcrumb">
        <a href="/communities">{t('nav.communities')}</a> › <a href={`${communityPath}#forum`}>{community ? t('forum.of_community', { name: community.name }) : t('forum.of_the_community')}</a>
      </nav>
      <PageHeading>{topic.title}</PageHeading>
      <div class="post-head">
        <Avatar name={topic.author.display_name} photo={topic.author.photo} size={32} />
        <p class="muted">
          {tx('forum.by', { kind: topic.question ? (topic.answer_id ? 'answered' : 'question') : 'topic', author: <a href={`/people/${topic.author.handle}`}>{topic.author.display_name}</a> })} ·{' '}
          <time dateTime={topic.created_at}>{timeAgo(topic.created_at)}</time>
          {topic.sticky && ` · ${t('community.pinned')}`}
          {topic.locked && ` · ${t('forum.locked')}`}
        </p>
      </div>
      <div class="post-body" dangerouslySetInnerHTML={{ __html: topic.body_html }} />
      {/* Each button says what it will do. */}
      <div class="actions">
        <button type="button" class="secondary" onClick={follow}>
          {topic.following ? t('forum.stop_following') : t('forum.follow')}
        </button>
        {topic.can_moderate && (
          <>
            <button type="button" class="secondary" onClick={() => change({ sticky: !topic.sticky })}>
              {topic.sticky ? t('community.unpin') : t('forum.pin')}
            </button>
            <button type="button" class="secondary" onClick={() => change({ locked: !topic.locked })}>
              {topic.locked ? t('forum.unlock') : t('forum.lock')}
            </button>
          </>
        )}
        {(topic.can_edit || topic.can_moderate) && (
          <button type="button" class="secondary danger" onClick={async () => {
            if (!(await confirmAction({ title: t('forum.delete_title'), body: t('comments.delete_body'), confirm: t('common.delete'), danger: true }))) return;
            try {
              await api('DELETE', `/api/v1/topics/${topic.id}`);
              navigate(`${communityPath}#forum`);
            } catch (e) {
              setError(describeError(e));
            }
          }}>
            {t('forum.delete')}
          </button>
        )}
      </div>
      <Alert message={error} />
      <h2>{t('forum.replies_heading')}</h2>
      <Comments contentId={topic.id} accepted={topic.answer_id} highlight={location.hash.startsWith("#comment-") ? location.hash.slice(9) : undefined} onCount={(n) => setTopic({ ...topic, reply_count: n })} extra={extra}
        closed={topic.locked ? t('forum.closed') : undefined} />
    </section>
  );
}
