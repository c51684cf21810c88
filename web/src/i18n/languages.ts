// The languages Agora speaks (the server's core/languages.h holds the same list), and which
// of them a browser asks for.
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'sv', name: 'Svenska' },
  { code: 'nb', name: 'Norsk bokmål' },
  { code: 'ru', name: 'Русский' },
  { code: 'bg', name: 'Български' },
  { code: 'de', name: 'Deutsch' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];
export const SOURCE_LANGUAGE: Language = 'en';

export function isLanguage(code: unknown): code is Language {
  return LANGUAGES.some((l) => l.code === code);
}

// "sv-SE" -> sv; "no", "nn" and "nb-NO" -> nb (Bokmål is what Norwegian readers get).
export function matchLanguage(tag: string): Language | null {
  let primary = tag.toLowerCase().split(/[-_]/)[0];
  if (primary === 'no' || primary === 'nn') primary = 'nb';
  return isLanguage(primary) ? primary : null;
}

// The first of the browser's languages Agora speaks (navigator.languages is in order).
export function fromBrowser(tags: readonly string[]): Language | null {
  for (const tag of tags) {
    const l = matchLanguage(tag);
    if (l) return l;
  }
  return null;
}

// Scripts written right to left. None of the eight is one; the page's `dir` follows this so
// that a language added later (Arabic, Hebrew, Persian, Urdu) needs no change here.
const RTL = ['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv'];
export function directionOf(code: string): 'rtl' | 'ltr' {
  return RTL.includes(code.split('-')[0]) ? 'rtl' : 'ltr';
}
