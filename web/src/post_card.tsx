// One post in a feed: author, text, the shared original, reactions, and its comments on
// demand. Everything is reachable by keyboard; reaction buttons say whether they are pressed.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Page } from './api';
import { Alert, Avatar } from './components';
import { REACTIONS, timeAgo, type Comment, type Post, type PostImage, type ReactionKind, type ReactionSummary } from './content';
import { subscribe } from './stream';
import { confirmAction } from './confirm';

const audienceText = { public: 'Public', organization: 'Organization', restricted: 'Named people' } as const;

// `actions`: more buttons for the post's footer (a community's moderators pin it).
export function PostCard(props: { post: Post; onChange?: (p: Post | null) => void; nested?: boolean; actions?: (p: Post) => ComponentChildren }) {
  const [post, setPost] = useState(props.post);
  const [showComments, setShowComments] = useState(false);
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
    if (!(await confirmAction({ title: 'Delete this post?', body: 'Its comments and reactions go with it. This cannot be undone.', confirm: 'Delete', danger: true }))) return;
    try {
      await api('DELETE', `/api/v1/posts/${post.id}`);
      update(null);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <article class={props.nested ? 'post shared' : 'post'} aria-labelledby={`post-${post.id}-by`} data-testid="post">
      <header class="post-head">
        <Avatar name={post.author.display_name} photo={post.author.photo} size={40} />
        <div>
          <a id={`post-${post.id}-by`} href={`/people/${post.author.handle}`} class="author">
            {post.author.display_name}
          </a>
          <div class="muted small">
            <a href={`/posts/${post.id}`}>
              <time dateTime={post.created_at}>{timeAgo(post.created_at)}</time>
            </a>
            {' · '}
            {audienceText[post.audience]}
            {post.edited_at && ' · edited'}
          </div>
        </div>
      </header>
      {editing ? (
        <form onSubmit={saveEdit} class="composer">
          <label for={`edit-${post.id}`}>Edit your post</label>
          <textarea id={`edit-${post.id}`} value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} rows={3} />
          <div class="actions">
            <button type="submit">Save</button>
            <button type="button" class="secondary" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <div class="post-body" dangerouslySetInnerHTML={{ __html: post.body_html }} />
      )}
      {post.images.length > 0 && <PostImages images={post.images} />}
      {post.shared && <PostCard post={post.shared} nested />}
      {post.shared_unavailable && <p class="muted">The shared post is no longer available.</p>}
      <Alert message={error} />
      {!props.nested && (
        <footer class="post-actions">
          <Reactions targetId={post.id} summary={post.reactions} onChange={(s) => update({ ...post, reactions: s, reaction_count: s.total })} />
          <button type="button" class="link" aria-expanded={showComments} onClick={() => setShowComments(!showComments)}>
            {post.comment_count === 1 ? '1 comment' : `${post.comment_count} comments`}
          </button>
          {post.can_edit && (
            <button type="button" class="link" onClick={() => { setDraft(post.body); setEditing(true); }}>
              Edit
            </button>
          )}
          {post.can_delete && (
            <button type="button" class="link danger" onClick={remove}>
              Delete
            </button>
          )}
          {props.actions?.(post)}
        </footer>
      )}
      {showComments && <Comments contentId={post.id} onCount={(n) => update({ ...post, comment_count: n })} />}
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
          aria-label={`${img.alt || `Image ${i + 1}`} (opens the full-size image)`}>
          <img src={img.preview_url} alt={img.alt} width={img.preview_width} height={img.preview_height} loading="lazy" />
        </a>
      ))}
    </div>
  );
}

export function Reactions(props: { targetId: string; summary: ReactionSummary; onChange: (s: ReactionSummary) => void }) {
  const [error, setError] = useState<string | null>(null);
  const toggle = async (kind: ReactionKind) => {
    try {
      const mine = props.summary.mine === kind;
      props.onChange(await api<ReactionSummary>(mine ? 'DELETE' : 'PUT', `/api/v1/content/${props.targetId}/reactions/${kind}`));
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <div class="reactions" role="group" aria-label="Reactions">
      {REACTIONS.map(([kind, emoji, label]) => {
        const n = props.summary.counts[kind] ?? 0;
        return (
          <button type="button" class="reaction" aria-pressed={props.summary.mine === kind} title={label}
            aria-label={`${label}${n ? `, ${n}` : ''}`} onClick={() => toggle(kind)} data-kind={kind}>
            <span aria-hidden="true">{emoji}</span>
            {n > 0 && <span aria-hidden="true"> {n}</span>}
          </button>
        );
      })}
      <Alert message={error} />
    </div>
  );
}

// The comments of any content, two levels deep. `extra` adds something after a comment
// (a forum's "accept as answer"); `closed` says why no more may be written.
export function Comments(props: {
  contentId: string;
  onCount: (n: number) => void;
  extra?: (c: Comment) => ComponentChildren;
  closed?: string;
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
      props.onCount(next.length);
      setBody('');
      setReplyTo(null);
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  const top = (items ?? []).filter((c) => !c.reply_to);
  const repliesOf = (id: string) => (items ?? []).filter((c) => c.reply_to === id);
  const inputId = `comment-${props.contentId}`;
  return (
    <section class="comments" aria-label="Comments">
      <ul>
        {top.map((c) => (
          <li key={c.id}>
            <CommentItem comment={c} onReply={() => { setReplyTo(c); document.getElementById(inputId)?.focus(); }} />
            {props.extra?.(c)}
            {repliesOf(c.id).length > 0 && (
              <ul class="replies">
                {repliesOf(c.id).map((r) => <li key={r.id}><CommentItem comment={r} onReply={() => { setReplyTo(c); document.getElementById(inputId)?.focus(); }} />{props.extra?.(r)}</li>)}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {props.closed ? <p class="muted">{props.closed}</p> : (
      <form onSubmit={submit} class="composer">
        <label for={inputId}>{replyTo ? `Reply to ${replyTo.author.display_name}` : 'Write a comment'}</label>
        <textarea id={inputId} rows={2} value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
        <div class="actions">
          <button type="submit" disabled={!body.trim()}>{replyTo ? 'Reply' : 'Comment'}</button>
          {replyTo && <button type="button" class="secondary" onClick={() => setReplyTo(null)}>Cancel reply</button>}
        </div>
      </form>
      )}
      <Alert message={error} />
    </section>
  );
}

function CommentItem(props: { comment: Comment; onReply: () => void }) {
  const [c, setC] = useState(props.comment);
  return (
    <div class="comment" data-testid="comment">
      <a href={`/people/${c.author.handle}`} class="author">{c.author.display_name}</a>{' '}
      <span class="muted small"><time dateTime={c.created_at}>{timeAgo(c.created_at)}</time>{c.edited_at && ' · edited'}</span>
      <div class="comment-body" dangerouslySetInnerHTML={{ __html: c.body_html }} />
      <div class="post-actions">
        <Reactions targetId={c.id} summary={c.reactions} onChange={(s) => setC({ ...c, reactions: s })} />
        <button type="button" class="link" onClick={props.onReply}>Reply</button>
      </div>
    </div>
  );
}
