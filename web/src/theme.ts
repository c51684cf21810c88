// Light or dark: the person's choice on this device (Account, Appearance), or the system's
// (prefers-color-scheme) until they make one. The choice is `data-theme` on <html>, which the
// design tokens in styles.css follow; it is applied before the first render (main.tsx) so
// that no page flashes in the other theme.
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'agora.theme';
const dark = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

export function themeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function apply() {
  const choice = themeChoice();
  const resolved = choice === 'system' ? (dark?.matches ? 'dark' : 'light') : choice;
  document.documentElement.dataset.theme = resolved;
}

export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // storage refused (private mode): the choice lasts until the page is reloaded
  }
  apply();
}

// Applies the theme now and follows the system's while the choice is "system".
export function startTheme() {
  apply();
  dark?.addEventListener('change', apply);
}
