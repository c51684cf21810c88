// A blog's moderation: the comments waiting for approval on its entries (owners and editors
// approve or delete each), and its settings (owners: name, description, what becomes of
// comments).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError, type Schemas } from '../api';
import { Alert, Avatar, Field, SelectField } from '../components';
import { confirmAction } from '../confirm';
import { toast } from '../toast';
import { t, timeAgo } from '../i18n/i18n';
import type { Blog } from './blogs';

type Held = Schemas['Comment'] & { entry: { id: string; title: string } };
type Policy = Schemas['CommentPolicy'];
const POLICIES: Policy[] = ['open', 'hold_first', 'hold_all', 'closed'];

export function HeldComments(props: { blog: Blog; onCount?: (n: number) => void }) {
  const [items, setItems] = useState<Held[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: Held[] }>('GET', `/api/v1/blogs/${props.blog.handle}/held-comments`).then(
      (r) => setItems(r.items),
      (e) => setError(describeError(e)),
    );
  }, [props.blog.id]);
  const done = (id: string) => {
    const next = (items ?? []).filter((c) => c.id !== id);
    setItems(next);
    props.onCount?.(next.length);
  };
  const approve = async (c: Held) => {
    try {
      await api('POST', `/api/v1/comments/${c.id}/approval`);
      done(c.id);
      toast(t('comments.approved'));
    } catch (e) {
      setError(describeError(e));
    }
  };
  const remove = async (c: Held) => {
    if (!(await confirmAction({ title: t('comments.delete_title'), body: t('comments.delete_body'), confirm: t('common.delete'), danger: true }))) return;
    try {
      await api('DELETE', `/api/v1/comments/${c.id}`);
      done(c.id);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <>
      <Alert message={error} />
      {items && items.length === 0 && <p class="muted">{t('blog.no_held')}</p>}
      {items && items.length > 0 && (
        <ul class="cards" aria-label={t('blog.held')}>
          {items.map((c) => (
            <li key={c.id} class="card held-comment" data-testid="held-comment-card">
              <div class="comment-head">
                <Avatar name={c.author.display_name} photo={c.author.photo} size={32} />
                <a href={`/people/${c.author.handle}`} class="author">{c.author.display_name}</a>{' '}
                <span class="muted small"><time dateTime={c.created_at}>{timeAgo(c.created_at)}</time></span>
              </div>
              <p class="small">
                {t('blog.held_on')} <a href={`/blogs/${props.blog.handle}/entries/${c.entry.id}#comment-${c.id}`}>{c.entry.title}</a>
              </p>
              <div class="comment-body" dangerouslySetInnerHTML={{ __html: c.body_html }} />
              <div class="actions">
                <button type="button" onClick={() => approve(c)} aria-label={t('comments.approve_named', { name: c.author.display_name })}>
                  {t('comments.approve')}
                </button>
                <button type="button" class="secondary danger" onClick={() => remove(c)}
                  aria-label={t('comments.delete_named', { name: c.author.display_name })}>{t('common.delete')}</button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function BlogSettings(props: { blog: Blog; onChanged: (b: Blog) => void }) {
  const [name, setName] = useState(props.blog.name);
  const [description, setDescription] = useState(props.blog.description);
  const [policy, setPolicy] = useState<Policy>(props.blog.comment_policy);
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const b = await api<Blog>('PATCH', `/api/v1/blogs/${props.blog.handle}`, { name, description, comment_policy: policy });
      setError(null);
      setField(undefined);
      props.onChanged(b);
      toast(t('blog.settings_saved'));
    } catch (err) {
      setError(describeError(err));
      setField(err instanceof ApiError ? err.field : undefined);
    }
  };
  return (
    <form class="composer" onSubmit={save} aria-labelledby="blog-settings">
      <h2 id="blog-settings">{t('blog.settings')}</h2>
      <Field id="blog-name" label={t('directory.name')} value={name} onInput={setName} error={field === 'name' ? error ?? undefined : undefined} />
      <Field id="blog-description" label={t('blogs.description')} value={description} onInput={setDescription}
        error={field === 'description' ? error ?? undefined : undefined} />
      <SelectField id="blog-comment-policy" label={t('blog.comment_policy')} value={policy} onChange={(v) => setPolicy(v as Policy)}
        options={POLICIES.map((p) => ({ value: p, label: t('blog.comment_policy_option', { policy: p }) }))} />
      {!field && <Alert message={error} />}
      <div class="actions">
        <button type="submit" disabled={!name.trim()}>{t('common.save')}</button>
      </div>
    </form>
  );
}
