import { render } from 'preact';
import { App } from './app';
import './styles.css';
import { registerServiceWorker } from './pwa';
import { startTheme } from './theme';
import { setLanguage, storedLanguage } from './i18n/i18n';
import { fromBrowser, SOURCE_LANGUAGE } from './i18n/languages';
import { startSession } from './early';

startTheme();

// The catalog of the language this browser last used (or asks for) is fetched while the
// session is asked; the session may then name another (the person's choice on another
// device), which the app switches to.
startSession().catch(() => {}); // the app reads the same answer (and its errors) once drawn
const first = storedLanguage() ?? fromBrowser(navigator.languages) ?? SOURCE_LANGUAGE;
setLanguage(first)
  .catch(() => setLanguage(SOURCE_LANGUAGE))
  .finally(() => {
    render(<App />, document.getElementById('app')!);
    registerServiceWorker();
  });
