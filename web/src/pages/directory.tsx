import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError, type Page, type Schemas, type Answer } from '../api';
import { Alert, Avatar, Field, PageHeading, SelectField } from '../components';
import { countryName, countryOptions } from '../places';
import type { Card } from './profile';
import { language, t } from '../i18n/i18n';

type Result = Card & { endorsements?: number };
type Department = Schemas['Department'];

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
    api<Answer<'/api/v1/departments', 'get'>>('GET', '/api/v1/departments').then((r) => setDepartments(r.items), () => setDepartments([]));
  }, []);

  const search = async (append: boolean, from: string | null) => {
    const mine = ++request.current;
    // Names sort as readers of the interface's language expect (Å after Z in Swedish).
    const params = new URLSearchParams({ limit: '25', locale: language() });
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
        <PageHeading>{t('nav.people')}</PageHeading>
        <p>{t('directory.guest')}</p>
        <p><a href="/communities?mine=true">{t('directory.go_mine')}</a></p>
      </section>
    );
  }

  const fieldError = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <section>
      <PageHeading>{t('nav.people')}</PageHeading>
      <form role="search" class="filters" onSubmit={(e) => { e.preventDefault(); search(false, null); }}>
        <Field id="dir_q" label={t('directory.name')} value={q} onInput={setQ} hint={t('directory.name_hint')} error={fieldError('q')} />
        <Field id="dir_expertise" label={t('directory.knows_about')} value={expertise} onInput={setExpertise} hint={t('directory.knows_about_hint')} error={fieldError('expertise')} />
        <Field id="dir_department" label={t('directory.department')} value={department} onInput={setDepartment} list="dir_departments" error={fieldError('department')} />
        <datalist id="dir_departments">
          {departments.map((d) => <option key={d.name} value={d.name}>{t('directory.people_count', { count: d.people })}</option>)}
        </datalist>
        <SelectField id="dir_country" label={t('directory.country')} value={country} onChange={setCountry} empty={t('directory.any_country')} options={countryOptions()} error={fieldError('country')} />
      </form>
      <Alert message={error && !['q', 'expertise', 'department', 'country'].includes(error.field ?? '') ? error.message : null} />
      <p role="status" class="muted">
        {loaded ? (items.length === 0 ? t('directory.none') : cursor ? t('directory.found_more', { count: items.length }) : t('directory.found', { count: items.length })) : ''}
      </p>
      <ul class="people">
        {items.map((p) => (
          <li key={p.id}>
            <Avatar name={p.display_name} photo={p.photo} size={32} />
            <a href={`/people/${p.handle}`}>{p.display_name}</a>
            {p.alumnus && <span class="tag">{t('profile.alumnus')}</span>}
            <span class="muted"> {[p.title, p.department, countryName(p.country)].filter(Boolean).join(' · ')}</span>
            {p.endorsements !== undefined && p.endorsements > 0 && (
              <span class="tag">{t('profile.endorsements', { count: p.endorsements })}</span>
            )}
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" class="secondary" onClick={() => search(true, cursor)}>
          {t('common.show_more')}
        </button>
      )}
    </section>
  );
}
