// The catalogs are complete and consistent (run by `make test` through `npm test -w web`):
// every id the code uses is in English, the source; every English id is used; every language
// has exactly English's ids; every message parses as ICU MessageFormat; and each translation
// takes the same arguments as English, of the same kinds, with plural forms for its language.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES } from '../src/i18n/languages';

// Outside src/ (which tsc checks for the browser): this test reads files with Node.
const src = new URL('../src/', import.meta.url).pathname;
const catalog = (code: string): Record<string, string> => JSON.parse(readFileSync(join(src, 'i18n', 'messages', `${code}.json`), 'utf8'));
const en = catalog('en');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'messages' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const code = sources(src).map((p) => readFileSync(p, 'utf8')).join('\n');

// The arguments a message takes, each with its kind ("count:plural", "name:argument",
// "link:tag"), from anywhere in it (inside plural and select branches too).
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) out.add(`${e.value}:${TYPE[e.type]}`);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      out.add(`${e.value}:${TYPE[e.type]}`);
      for (const option of Object.values(e.options)) argumentsOf(option.value, out);
    }
    if (e.type === TYPE.tag) {
      out.add(`${e.value}:tag`);
      argumentsOf(e.children, out);
    }
  }
  return out;
}

// Plural and select elements, to check their branches.
function choices(elements: MessageFormatElement[], out: MessageFormatElement[] = []): MessageFormatElement[] {
  for (const e of elements) {
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      out.push(e);
      for (const option of Object.values(e.options)) choices(option.value, out);
    }
    if (e.type === TYPE.tag) choices(e.children, out);
  }
  return out;
}

describe('message catalogs', () => {
  test('every id the code asks for is in the English catalog', () => {
    const used = [...code.matchAll(/\btx?\(\s*'([a-z0-9_.]+)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((id) => !(id in en))).toEqual([]);
  });

  test('every English id is used by the code (as t(\'id\') or in a map of ids)', () => {
    expect(Object.keys(en).filter((id) => !code.includes(`'${id}'`))).toEqual([]);
  });

  for (const { code: lang } of LANGUAGES) {
    test(`${lang}: the same ids as English, each message parses, same arguments, plural forms for ${lang}`, () => {
      const messages = catalog(lang);
      expect(Object.keys(messages).filter((id) => !(id in en)), 'ids English does not have').toEqual([]);
      expect(Object.keys(en).filter((id) => !(id in messages)), 'ids missing').toEqual([]);
      const rules = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const problems: string[] = [];
      for (const [id, text] of Object.entries(messages)) {
        let ast: MessageFormatElement[];
        try {
          ast = parse(text);
        } catch (e) {
          problems.push(`${id}: does not parse (${(e as Error).message})`);
          continue;
        }
        if (!text.trim()) problems.push(`${id}: empty`);
        const want = [...argumentsOf(parse(en[id]))].sort().join(', ');
        const got = [...argumentsOf(ast)].sort().join(', ');
        if (want !== got) problems.push(`${id}: arguments ${got || 'none'}, English has ${want || 'none'}`);
        for (const c of choices(ast)) {
          if (c.type !== TYPE.plural && c.type !== TYPE.select) continue;
          if (!('other' in c.options)) problems.push(`${id}: ${c.value} has no "other" branch`);
          if (c.type === TYPE.plural && c.pluralType === 'cardinal') {
            const missing = rules.filter((r) => r !== 'other' && !(r in c.options) && !Object.keys(c.options).some((k) => k.startsWith('=')));
            // A form may be left to "other" only where the text is the same for it.
            if (missing.length && Object.keys(c.options).length > 1) problems.push(`${id}: ${c.value} lacks the ${lang} forms ${missing.join(', ')}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
