// People admin: the site's default language. People read Agora in the language they chose,
// else the one their browser asks for; this one is for everyone else, and for mail to people
// who have not chosen (invitations to activate included).
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Schemas } from '../api';
import { Alert, SelectField } from '../components';
import { t } from '../i18n/i18n';
import { LANGUAGES } from '../i18n/languages';

export function SiteLanguage() {
  const [language, setLanguage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Schemas['Languages']>('GET', '/api/v1/languages').then((r) => setLanguage(r.default), (e) => setError(describeError(e)));
  }, []);
  const change = async (value: string) => {
    setError(null);
    setSaved(null);
    try {
      await api('PUT', '/api/v1/admin/languages/default', { language: value });
      setLanguage(value);
      setSaved(LANGUAGES.find((l) => l.code === value)?.name ?? value);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="site-language-heading">
      <h2 id="site-language-heading">{t('admin_language.heading')}</h2>
      {language && (
        <SelectField id="site_language" label={t('admin_language.label')} value={language} onChange={change}
          options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))} hint={t('admin_language.hint')} />
      )}
      <p role="status">{saved ? t('admin_language.saved', { language: saved }) : ''}</p>
      <Alert message={error} />
    </section>
  );
}
