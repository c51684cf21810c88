// Countries, languages and time zones shown by name in the reader's language (Intl), and
// chosen from lists instead of typed as codes. The server stores codes and accepts the same
// ones (core/places.h uses ICU's list of ISO 3166-1 codes; this is the same list, ICU 72).
import { language } from './i18n/i18n';

const COUNTRY_CODES =
  'ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDGDJDKDMDODZEAECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUICIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW'.match(/../g) ?? [];

// ISO 639-1: the languages a profile can list (pt-BR and other tags still come from the API).
const LANGUAGE_CODES = ('aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et ' +
  'eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko ' +
  'kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ' +
  'ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tn to tr ts tt tw ty ug uk ur uz ve ' +
  'vi vo wa wo xh yi yo za zh zu').split(' ');

export interface Option {
  value: string;
  label: string;
}

function displayNames(type: 'region' | 'language'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([language(), ...navigator.languages], { type, fallback: 'code' });
  } catch {
    return null;
  }
}

const collator = () => new Intl.Collator([language(), ...navigator.languages]);

export function countryName(code: string): string {
  if (!code) return '';
  return displayNames('region')?.of(code.toUpperCase()) ?? code;
}

export function languageName(tag: string): string {
  try {
    return displayNames('language')?.of(tag) ?? tag;
  } catch {
    return tag; // not a well-formed tag
  }
}

let countries: Option[] | null = null;
// Every country, by its name in the reader's language, in the reader's order.
export function countryOptions(): Option[] {
  if (!countries) {
    const c = collator();
    countries = COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code) })).sort((a, b) => c.compare(a.label, b.label));
  }
  return countries;
}

let languages: Option[] | null = null;
export function languageOptions(): Option[] {
  if (!languages) {
    const c = collator();
    languages = LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code) }))
      .filter((o) => o.label !== o.value) // a code the browser has no name for is no help
      .sort((a, b) => c.compare(a.label, b.label));
  }
  return languages;
}

// IANA time zones the browser knows ("Europe/Stockholm"), and the one this device is in.
export function timeZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

export function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}
