// Blog entries across every blog the reader may read, with a tag or by an author: the archives
// a tag's page and a profile lead to (/blog-entries?tag=go, /blog-entries?author=ana).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { PageHeading } from '../components';
import { setTitle } from '../title';
import { t } from '../i18n/i18n';
import type { Card } from './profile';
import { EntryList } from './blogs';

export function BlogArchivePage() {
  const asked = new URLSearchParams(location.search);
  const tag = (asked.get('tag') ?? '').replace(/^#/, '');
  const author = asked.get('author') ?? '';
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (author) api<Card>('GET', `/api/v1/people/${encodeURIComponent(author)}`).then((c) => setName(c.display_name), () => setName(author));
  }, [author]);
  const heading = tag ? t('archive.tagged', { tag }) : author ? t('archive.by_author', { name: name ?? '' }) : t('nav.blogs');
  useEffect(() => setTitle(heading), [heading]);
  const query = `${tag ? `&tag=${encodeURIComponent(tag)}` : ''}${author ? `&author=${encodeURIComponent(author)}` : ''}`;
  return (
    <section>
      <nav aria-label={t('common.breadcrumb')} class="breadcrumb">
        <a href="/blogs">{t('nav.blogs')}</a>
      </nav>
      <PageHeading>{heading}</PageHeading>
      {tag && <p><a href={`/tags/${encodeURIComponent(tag)}`}>{t('archive.tag_posts', { tag })}</a></p>}
      {author && <p><a href={`/people/${encodeURIComponent(author)}`}>{t('archive.profile', { name: name ?? author })}</a></p>}
      {(tag || author) ? (
        <EntryList url={`/api/v1/blog-entries?limit=20${query}`} label={heading} empty={t('archive.empty')} showBlog />
      ) : (
        <p class="muted">{t('archive.ask')}</p>
      )}
    </section>
  );
}
