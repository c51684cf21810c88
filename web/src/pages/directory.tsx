import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError, type Page } from '../api';
import { Alert, Avatar, Field, PageHeading } from '../components';
import type { Card } from './profile';

type Result = Card & { endorsements?: number };

// The people directory: type a few letters of any part of a name, or ask who knows about a
// topic. Results update as you type (debounced) and are announced to screen readers.
export function DirectoryPage() {
  const [q, setQ] = useState(new URLSearchParams(location.search).get('q') ?? '');
  const [department, setDepartment] = useState('');
  const [country, setCountry] = useState('');
  const [expertise, setExpertise] = useState(new URLSearchParams(location.search).get('expertise') ?? '');
  const [items, setItems] = useState<Result[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const request = useRef(0);

  const search = async (append: boolean, from: string | null) => {
    const mine = ++request.current;
    const params = new URLSearchParams({ limit: '25' });
    if (q.trim()) params.set('q', q.trim());
    if (department.trim()) params.set('department', department.trim());
    if (country.trim()) params.set('country', country.trim());
    if (expertise.trim()) params.set('expertise', expertise.trim());
    if (from) params.set('cursor', from);
    try {
      const page = await api<Page<Result>>('GET', `/api/v1/people?${params}`);
      if (mine !== request.current) return; // a newer search has started
      setError(null);
      setItems(append ? [...items, ...page.items] : page.items);
      setCursor(page.next_cursor);
      setLoaded(true);
    } catch (e) {
      if (mine === request.current) setError(describeError(e));
    }
  };

  useEffect(() => {
    const t = setTimeout(() => search(false, null), 200);
    return () => clearTimeout(t);
  }, [q, department, country, expertise]);

  return (
    <section>
      <PageHeading>People</PageHeading>
      <form role="search" class="filters" onSubmit={(e) => { e.preventDefault(); search(false, null); }}>
        <Field id="dir_q" label="Name" value={q} onInput={setQ} hint="A few letters of any part of the name." />
        <Field id="dir_expertise" label="Knows about" value={expertise} onInput={setExpertise} hint="e.g. kubernetes" />
        <Field id="dir_department" label="Department" value={department} onInput={setDepartment} />
        <Field id="dir_country" label="Country code" value={country} onInput={setCountry} />
      </form>
      <Alert message={error} />
      <p role="status" class="muted">
        {loaded ? (items.length === 0 ? 'No one found.' : `${items.length}${cursor ? '+' : ''} found.`) : ''}
      </p>
      <ul class="people">
        {items.map((p) => (
          <li key={p.id}>
            <Avatar name={p.display_name} photo={p.photo} size={32} />
            <a href={`/people/${p.handle}`}>{p.display_name}</a>
            {p.alumnus && <span class="badge">alumnus</span>}
            <span class="muted"> {[p.title, p.department, p.country].filter(Boolean).join(' · ')}</span>
            {p.endorsements !== undefined && <span class="badge">{p.endorsements} endorsements</span>}
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" class="secondary" onClick={() => search(true, cursor)}>
          Show more
        </button>
      )}
    </section>
  );
}
