// One post in a feed: author (with their title), where it was posted, text, the shared
// original, reactions, Share, and its comments on demand; the author's and moderators'
// actions in a menu. Everything is reachable by keyboard.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MessageSquare, Repeat2 } from 'lucide-preact';
import { api, describeError, type Page } from './api';
import { Alert, Avatar } from './components';
import { timeAgo, type Comment, type Post, type PostImage, type ReactionSummary } from './content';
import { subscribe } from './stream';
import { confirmAction } from './confirm';
import { Menu, type MenuItem } from './menu';
import { Reactions } from './reactions';
import { toast } from './toast';
import { listOf, t, tx, type MessageId } from './i18n/i18n';

const audienceText: Record<Post['audience'], MessageId> = {
  public: 'audience.public', organization: 'audience.organization', restricted: 'audience.restricted', community: 'audience.community',
};

// Why a post is in one's home feed, in a line above it (not for one's own posts).
function Reason(props: { post: Post }) {
  const r = props.post.reason;
  if (!r || r.kind === 'own') return null;
  let text: preact.ComponentChildren;
  if (r.kind === 'named') text = t('reason.named');
  else if (r.kind === 'community' && props.post.community) text = t('reason.community', { community: props.post.community.name });
  else if (r.kind === 'following') text = t('reason.following', { name: props.post.author.display_name });
  else if (r.kind === 'tag' && r.tag) {
    const tag = r.tag;
    text = tx('reason.tag', { tag: <a href={`/tags/${encodeURIComponent(tag)}`}>#{tag}</a> });
  }
  else return null;
  return <p class="reason muted small">{text}</p>;
}

// Where a post was shared, in words: its community (a link) or who may read it; its author
// sees whom they named (two names, then "3 more" opens the rest in place).
function Audience(props: { post: Post }) {
  const c = props.post.community;
  const [all, setAll] = useState(false);
  if (c) return <>{tx('audience.in_community', { community: <a href={`/communities/${c.handle}`}>{c.name}</a> })}</>;
  const readers = props.post.readers;
  if (props.post.audience !== 'restricted' || !readers?.length) return <>{audienceText[props.post.audience] ? t(audienceText[props.post.audience]) : ''}</>;
  const shown = all || readers.length <= 3 ? readers : readers.slice(0, 2);
  return (
    <span class="readers">
      {tx('audience.only', {
        people: listOf([
          ...shown.map((p) => <a href={`/people/${p.handle}`}>{p.display_name}</a>),
          ...(shown.length < readers.length
            ? [<button type="button" class="link" onClick={() => setAll(true)}>{t('audience.more', { count: readers.length - shown.length })}</button>]
            : []),
        ]),
      })}
    </span>
  );
}

// `actions`: more buttons for the post's footer (a community's moderators pin it).
// `openComments`: show the comments at once (the post's own page), and `highlight` one.
export function PostCard(props: {
  post: Post;
  onChange?: (p: Post | null) => void;
  nested?: boolean;
  actions?: (p: Post) => ComponentChildren;
  openComments?: boolean;
  highlight?: string;
}) {
  const [post, setPost] = useState(props.post);
  const [showComments, setShowComments] = useState(!!props.openComments);
  const [sharing, setSharing] = useState(false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(post.body);
  const [error, setError] = useState<string | null>(null);
  const update = (p: Post | null) => {
    if (p) setPost(p);
    props.onChange?.(p);
  };

  // Counts arrive live for the posts on screen (the feed watches them); my own reaction
  // stays as I set it.
  useEffect(
    () =>
      subscribe<{ id: string; comment_count: number; reaction_count: number; reactions: ReactionSummary }>('counts', (e) => {
        if (e.data.id !== post.id) return;
        setPost((old) => ({ ...old, comment_count: e.data.comment_count, reaction_count: e.data.reaction_count,
          reactions: { ...e.data.reactions, mine: old.reactions.mine } }));
      }),
    [post.id],
  );

  const saveEdit = async (e: Event) => {
    e.preventDefault();
    try {
      update(await api<Post>('PATCH', `/api/v1/posts/${post.id}`, { body: draft }));
      setEditing(false);
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  const remove = async () => {
    if (!(await confirmAction({ title: t('post.delete_title'), body: t('post.delete_body'), confirm: t('common.delete'), danger: true }))) return;
    try {
      await api('DELETE', `/api/v1/posts/${post.id}`);
      update(null);
    } catch (err) {
      setError(describeError(err));
    }
  };

  const menuItems: MenuItem[] = [
    { label: t('post.copy_link'), onSelect: () => navigator.clipboard?.writeText(`${location.origin}/posts/${post.id}`).then(() => toast(t('post.link_copied')), () => toast(t('post.the_link', { url: `${location.origin}/posts/${post.id}` }))) },
    ...(post.can_edit ? [{ label: t('common.edit'), onSelect: () => { setDraft(post.body); setEditing(true); } }] : []),
    ...(post.can_delete ? [{ label: t('common.delete'), onSelect: remove, danger: true }] : []),
  ];
  // Posts everyone in the organization may read can be shared; a community's stay in it.
  const shareable = !props.nested && (post.audience === 'public' || post.audience === 'organization');

  return (
    <article class={props.nested ? 'post shared' : 'post'} aria-labelledby={`post-${post.id}-by`} data-testid="post">
      {!props.nested && <Reason post={post} />}
      <header class="post-head">
        <Avatar name={post.author.display_name} photo={post.author.photo} size={40} />
        <div class="post-meta">
          <a id={`post-${post.id}-by`} href={`/people/${post.author.handle}`} class="author">
            {post.author.display_name}
          </a>
          {post.author.title && <span class="muted small author-title"> · {post.author.title}</span>}
          <div class="muted small">
            <a href={`/posts/${post.id}`}>
              <time dateTime={post.created_at}>{timeAgo(post.created_at)}</time>
            </a>
            {' · '}
            <Audience post={post} />
            {post.edited_at && ` · ${t('post.edited')}`}
          </div>
        </div>
        {!props.nested && <Menu label={t('post.more_actions')} items={menuItems} />}
      </header>
      {editing ? (
        <form onSubmit={saveEdit} class="composer">
          <label for={`edit-${post.id}`}>{t('post.edit_label')}</label>
          <textarea id={`edit-${post.id}`} value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} rows={3} />
          <div class="actions">
            <button type="submit">{t('common.save')}</button>
            <button type="button" class="secondary" onClick={() => setEditing(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : (
        <div class="post-body" lang={post.language ?? undefined} dangerouslySetInnerHTML={{ __html: post.body_html }} />
      )}
      {post.images.length > 0 && <PostImages images={post.images} />}
      {post.shared && <PostCard post={post.shared} nested />}
      {post.shared_unavailable && <p class="muted">{t('post.shared_unavailable')}</p>}
      <Alert message={error} />
      {!props.nested && (
        <footer class="post-actions">
          <Reactions targetId={post.id} summary={post.reactions} onChange={(s) => update({ ...post, reactions: s, reaction_count: s.total })} />
          <button type="button" class="quiet-action" aria-expanded={showComments} onClick={() => setShowComments(!showComments)}>
            <MessageSquare size={18} aria-hidden="true" />
            <span>{t('post.comments_count', { count: post.comment_count })}</span>
          </button>
          {shareable && (
            <button type="button" class="quiet-action" onClick={() => setSharing(true)}>
              <Repeat2 size={18} aria-hidden="true" />
              <span>{post.share_count > 0 ? t('post.share_count', { count: post.share_count }) : t('post.share')}</span>
            </button>
          )}
          {props.actions?.(post)}
        </footer>
      )}
      {sharing && <ShareDialog post={post} onDone={(shared) => { setSharing(false); if (shared) update({ ...post, share_count: post.share_count + 1 }); }} />}
      {showComments && <Comments contentId={post.id} highlight={props.highlight} onCount={(n) => update({ ...post, comment_count: n })} />}
    </article>
  );
}

// The pictures of a post, each a link to its large rendition; the alternative text is the
// image's name, and the link says what it opens.
function PostImages(props: { images: PostImage[] }) {
  return (
    <div class={`post-images count-${props.images.length}`}>
      {props.images.map((img, i) => (
        <a href={img.url} target="_blank" rel="noopener" key={img.id}
          aria-label={t('post.image_link', { name: img.alt || t('post.image_n', { n: i + 1 }) })}>
          <img src={img.preview_url} alt={img.alt} width={img.preview_width} height={img.preview_height} loading="lazy" />
        </a>
      ))}
    </div>
  );
}

// Share a post with the organization, with a few words of one's own: a modal dialog.
function ShareDialog(props: { post: Post; onDone: (shared: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(document.activeElement);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => dialog.current?.showModal(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api('POST', '/api/v1/posts', { body, share_of: props.post.id, audience: 'organization' });
      setDone(true);
      dialog.current?.close();
      toast(t('share.done'));
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <dialog ref={dialog} class="share" aria-labelledby={`share-${props.post.id}`}
      onClose={() => { props.onDone(done); (opener.current as HTMLElement | null)?.focus?.(); }}>
      <form onSubmit={submit}>
        <h2 id={`share-${props.post.id}`}>{t('share.heading', { name: props.post.author.display_name })}</h2>
        <p class="muted">{t('share.explain')}</p>
        <label for={`share-body-${props.post.id}`}>{t('share.say_something')}</label>
        <textarea id={`share-body-${props.post.id}`} rows={3} value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
        <Alert message={error} />
        <div class="actions">
          <button type="button" class="secondary" onClick={() => dialog.current?.close()}>{t('common.cancel')}</button>
          <button type="submit">{t('post.share')}</button>
        </div>
      </form>
    </dialog>
  );
}

// The comments of any content, two levels deep. `extra` adds something after a comment
// (a forum's "accept as answer"); `closed` says why no more may be written.
export function Comments(props: {
  contentId: string;
  onCount: (n: number) => void;
  extra?: (c: Comment) => ComponentChildren;
  closed?: string;
  hint?: string; // said above the box (that comments wait for approval)
  highlight?: string; // a comment's id: scrolled to and marked once loaded
  accepted?: string | null; // a question's accepted answer: labelled, and shown first
}) {
  const [items, setItems] = useState<Comment[] | null>(null);
  const [body, setBody] = useState('');
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      const all: Comment[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Comment> = await api('GET', `/api/v1/content/${props.contentId}/comments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        all.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor && all.length < 500);
      setItems(all);
    } catch (err) {
      setError(describeError(err));
    }
  };
  useEffect(() => {
    load();
  }, [props.contentId]);
  useEffect(() => {
    if (!items || !props.highlight) return;
    const el = document.getElementById(`comment-${props.highlight}`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }, [items === null, props.highlight]);
  // The count is of comments every reader sees: held ones wait for approval.
  const shown = (list: Comment[]) => list.filter((c) => !c.held).length;
  const removed = (id: string) => {
    // A comment goes with its replies.
    const next = (items ?? []).filter((c) => c.id !== id && c.reply_to !== id);
    setItems(next);
    props.onCount(shown(next));
  };
  const changed = (c: Comment) => {
    const next = (items ?? []).map((x) => (x.id === c.id ? c : x));
    setItems(next);
    props.onCount(shown(next));
  };
  useEffect(
    () =>
      subscribe<Comment>('comment', (e) => {
        if (e.data.content_id !== props.contentId) return;
        setItems((old) => (old && !old.some((c) => c.id === e.data.id) ? [...old, e.data] : old));
      }),
    [props.contentId],
  );

  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const c = await api<Comment>('POST', `/api/v1/content/${props.contentId}/comments`, replyTo ? { body, reply_to: replyTo.id } : { body });
      // The stream may have brought it already.
      const next = (items ?? []).some((x) => x.id === c.id) ? items ?? [] : [...(items ?? []), c];
      setItems(next);
      props.onCount(shown(next));
      setBody('');
      setReplyTo(null);
      setError(null);
      if (c.held) toast(t('comments.held_sent'));
    } catch (err) {
      setError(describeError(err));
    }
  };
  // The accepted answer (a forum question's) comes first, where it answers the question.
  const top = (items ?? []).filter((c) => !c.reply_to).sort((a, b) => Number(b.id === props.accepted) - Number(a.id === props.accepted));
  const repliesOf = (id: string) => (items ?? []).filter((c) => c.reply_to === id);
  const inputId = `comment-${props.contentId}`;
  return (
    <section class="comments" aria-label={t('comments.label')}>
      <ul>
        {top.map((c) => (
          <li key={c.id}>
            <CommentItem comment={c} highlighted={c.id === props.highlight} accepted={c.id === props.accepted} onRemoved={removed}
              onChanged={changed} onReply={() => { setReplyTo(c); document.getElementById(inputId)?.focus(); }} />
            {props.extra?.(c)}
            {repliesOf(c.id).length > 0 && (
              <ul class="replies">
                {repliesOf(c.id).map((r) => <li key={r.id}><CommentItem comment={r} highlighted={r.id === props.highlight} onRemoved={removed}
                  onChanged={changed} onReply={() => { setReplyTo(c); document.getElementById(inputId)?.focus(); }} />{props.extra?.(r)}</li>)}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {props.closed ? <p class="muted">{props.closed}</p> : (
      <form onSubmit={submit} class="composer">
        <label for={inputId}>{replyTo ? t('comments.reply_to', { name: replyTo.author.display_name }) : t('comments.write')}</label>
        {props.hint && <p class="muted small">{props.hint}</p>}
        <textarea id={inputId} rows={2} value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
        <div class="actions">
          <button type="submit" disabled={!body.trim()}>{replyTo ? t('comments.reply') : t('comments.comment')}</button>
          {replyTo && <button type="button" class="secondary" onClick={() => setReplyTo(null)}>{t('comments.cancel_reply')}</button>}
        </div>
      </form>
      )}
      <Alert message={error} />
    </section>
  );
}

function CommentItem(props: {
  comment: Comment;
  onReply: () => void;
  onRemoved: (id: string) => void;
  onChanged: (c: Comment) => void;
  highlighted?: boolean;
  accepted?: boolean;
}) {
  const [c, setC] = useState(props.comment);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(c.body);
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      setC(await api<Comment>('PATCH', `/api/v1/comments/${c.id}`, { body: draft }));
      setEditing(false);
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  const remove = async () => {
    if (!(await confirmAction({ title: t('comments.delete_title'), body: t('comments.delete_body'), confirm: t('common.delete'), danger: true }))) return;
    try {
      await api('DELETE', `/api/v1/comments/${c.id}`);
      props.onRemoved(c.id);
    } catch (err) {
      setError(describeError(err));
    }
  };
  const approve = async () => {
    try {
      const shown = await api<Comment>('POST', `/api/v1/comments/${c.id}/approval`);
      setC(shown);
      props.onChanged(shown);
      toast(t('comments.approved'));
    } catch (err) {
      setError(describeError(err));
    }
  };
  const items: MenuItem[] = [
    ...(c.can_edit ? [{ label: t('common.edit'), onSelect: () => { setDraft(c.body); setEditing(true); } }] : []),
    ...(c.can_delete ? [{ label: t('common.delete'), onSelect: remove, danger: true }] : []),
  ];
  return (
    <div class={`comment${props.highlighted ? ' highlighted' : ''}${props.accepted ? ' accepted' : ''}${c.held ? ' held' : ''}`} data-testid="comment" id={`comment-${c.id}`} tabIndex={-1}>
      <Avatar name={c.author.display_name} photo={c.author.photo} size={32} />
      <div class="comment-main">
        <div class="comment-head">
          <a href={`/people/${c.author.handle}`} class="author">{c.author.display_name}</a>{' '}
          <span class="muted small"><time dateTime={c.created_at}>{timeAgo(c.created_at)}</time>{c.edited_at && ` · ${t('post.edited')}`}</span>
          {props.accepted && <span class="answer-label" data-testid="accepted-answer">✓ {t('comments.accepted_answer')}</span>}
          {c.held && <span class="held-label" data-testid="held-comment">{t('comments.held')}</span>}
          <Menu label={t('comments.more_actions', { name: c.author.display_name })} items={items} />
        </div>
        {editing ? (
          <form onSubmit={save} class="composer">
            <label for={`edit-comment-${c.id}`}>{t('comments.edit_label')}</label>
            <textarea id={`edit-comment-${c.id}`} rows={2} value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
            <div class="actions">
              <button type="submit" disabled={!draft.trim()}>{t('common.save')}</button>
              <button type="button" class="secondary" onClick={() => { setEditing(false); setError(null); }}>{t('common.cancel')}</button>
            </div>
          </form>
        ) : (
          <div class="comment-body" dangerouslySetInnerHTML={{ __html: c.body_html }} />
        )}
        <Alert message={error} />
        {c.held ? (
          // Held: read by its author and its moderators only; reactions and replies come once it is shown.
          <div class="post-actions">
            {c.can_approve ? (
              <button type="button" onClick={approve}>{t('comments.approve')}</button>
            ) : (
              <span class="muted small">{t('comments.held_yours')}</span>
            )}
          </div>
        ) : (
          <div class="post-actions">
            <Reactions targetId={c.id} summary={c.reactions} what="comment" onChange={(s: ReactionSummary) => setC({ ...c, reactions: s })} />
            <button type="button" class="link" onClick={props.onReply}>{t('comments.reply')}</button>
          </div>
        )}
      </div>
    </div>
  );
}
