import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError, type Page } from '../api';
import { Alert, Avatar, Field, PageHeading, SelectField } from '../components';
import { countryName, countryOptions } from '../places';
import type { Card } from './profile';

type Result = Card & { endorsements?: number };
interface Department {
  name: string;
  people: number;
}

// The people directory: type a few letters of any part of a name (in any spelling: "asa"
// finds Åsa, "ivanov" Иванов), or ask who knows about a topic; narrow by department (a
// list of the departments people work in) and country (by name). Results update as you type
// (debounced) and are announced to screen readers.
export function DirectoryPage(props: { guest?: boolean }) {
  const [q, setQ] = useState(new URLSearchParams(location.search).get('q') ?? '');
  const [department, setDepartment] = useState('');
  const [country, setCountry] = useState('');
  const [expertise, setExpertise] = useState(new URLSearchParams(location.search).get('expertise') ?? '');
  const [departments, setDepartments] = useState<Department[]>([]);
  const [items, setItems] = useState<Result[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [loaded, setLoaded] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    if (props.guest) return;
    api<{ items: Department[] }>('GET', '/api/v1/departments').then((r) => setDepartments(r.items), () => setDepartments([]));
  }, []);

  const search = async (append: boolean, from: string | null) => {
    const mine = ++request.current;
    const params = new URLSearchParams({ limit: '25' });
    if (q.trim()) params.set('q', q.trim());
    if (department.trim()) params.set('department', department.trim());
    if (country) params.set('country', country);
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
      if (mine !== request.current) return;
      // The results on screen no longer answer the question: they go with the error.
      setItems([]);
      setCursor(null);
      setLoaded(false);
      setError({ field: (e as { field?: string }).field, message: describeError(e) });
    }
  };

  useEffect(() => {
    if (props.guest) return;
    const t = setTimeout(() => search(false, null), 200);
    return () => clearTimeout(t);
  }, [q, department, country, expertise]);

  if (props.guest) {
    return (
      <section>
        <PageHeading>People</PageHeading>
        <p>As a guest you see the people of the communities you were invited to.</p>
        <p><a href="/communities?mine=true">Go to my communities</a></p>
      </section>
    );
  }

  const fieldError = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <section>
      <PageHeading>People</PageHeading>
      <form role="search" class="filters" onSubmit={(e) => { e.preventDefault(); search(false, null); }}>
        <Field id="dir_q" label="Name" value={q} onInput={setQ} hint="A few letters of any part of the name, with or without accents." error={fieldError('q')} />
        <Field id="dir_expertise" label="Knows about" value={expertise} onInput={setExpertise} hint="e.g. kubernetes" error={fieldError('expertise')} />
        <Field id="dir_department" label="Department" value={department} onInput={setDepartment} list="dir_departments" error={fieldError('department')} />
        <datalist id="dir_departments">
          {departments.map((d) => <option key={d.name} value={d.name}>{`${d.people} ${d.people === 1 ? 'person' : 'people'}`}</option>)}
        </datalist>
        <SelectField id="dir_country" label="Country" value={country} onChange={setCountry} empty="Any country" options={countryOptions()} error={fieldError('country')} />
      </form>
      <Alert message={error && !['q', 'expertise', 'department', 'country'].includes(error.field ?? '') ? error.message : null} />
      <p role="status" class="muted">
        {loaded ? (items.length === 0 ? 'No one found.' : `${items.length}${cursor ? '+' : ''} found.`) : ''}
      </p>
      <ul class="people">
        {items.map((p) => (
          <li key={p.id}>
            <Avatar name={p.display_name} photo={p.photo} size={32} />
            <a href={`/people/${p.handle}`}>{p.display_name}</a>
            {p.alumnus && <span class="tag">alumnus</span>}
            <span class="muted"> {[p.title, p.department, countryName(p.country)].filter(Boolean).join(' · ')}</span>
            {p.endorsements !== undefined && p.endorsements > 0 && (
              <span class="tag">{p.endorsements} {p.endorsements === 1 ? 'endorsement' : 'endorsements'}</span>
            )}
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
