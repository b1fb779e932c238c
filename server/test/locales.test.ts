import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorStatus, fieldErrorCodes, locales } from '@bureau/common';

const dir = path.resolve(import.meta.dirname, '../../common/src/locales');
const namespaces = readdirSync(path.join(dir, 'en')).filter((f) => f.endsWith('.json'));
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flatten(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? flatten(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}
// Read once: the checks below look a file up for each of its thousands of keys (re-reading took ~30 s).
const loaded = new Map<string, Record<string, unknown>>();
const load = (locale: string, ns: string) => {
  const file = path.join(dir, locale, ns);
  if (!loaded.has(file)) loaded.set(file, JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  return loaded.get(file)!;
};

describe('translations', () => {
  it.each(namespaces)('%s holds the same keys in en, pl, ro and fr (plural forms aside)', (ns) => {
    const base = (locale: string) =>
      [...new Set(flatten(load(locale, ns)).map((k) => k.replace(pluralSuffix, '')))].sort();
    for (const locale of locales) expect(base(locale), `${locale}/${ns}`).toEqual(base('en'));
  });

  it.each(namespaces)('%s has every plural form each language needs (Polish: one, few, many)', (ns) => {
    for (const locale of locales) {
      const keys = flatten(load(locale, ns));
      const plurals = new Set(keys.filter((k) => pluralSuffix.test(k)).map((k) => k.replace(pluralSuffix, '')));
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const key of plurals)
        for (const form of needed) expect(keys, `${locale}/${ns}: ${key}_${form}`).toContain(`${key}_${form}`);
    }
  });

  it('has no empty message', () => {
    for (const locale of locales)
      for (const ns of namespaces)
        for (const key of flatten(load(locale, ns))) {
          const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], load(locale, ns));
          expect(typeof value === 'string' && value.trim().length > 0, `${locale}/${ns}: ${key}`).toBe(true);
        }
  });

  it('translates every error code and field error of the catalogue', () => {
    for (const locale of locales) {
      const keys = new Set(flatten(load(locale, 'errors.json')));
      for (const code of Object.keys(errorStatus)) expect(keys, `${locale}: ${code}`).toContain(code);
      for (const code of fieldErrorCodes) expect(keys, `${locale}: field.${code}`).toContain(`field.${code}`);
    }
  });

  it('keeps the same {{placeholders}} in every language', () => {
    for (const ns of namespaces) {
      const en = load('en', ns);
      for (const key of flatten(en)) {
        if (pluralSuffix.test(key)) continue;
        const get = (o: Record<string, unknown>) =>
          String(key.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)?.[k], o));
        const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        for (const locale of locales)
          expect(vars(get(load(locale, ns))), `${locale}/${ns}: ${key}`).toEqual(vars(get(en)));
      }
    }
  });

  it('addresses Romanian readers formally (dumneavoastră), never with tu or a singular imperative', () => {
    // The informal pronouns and verb forms Romanian business software avoids; whole words only ("tale" in "totale" is fine).
    const informal =
      /(?<![\p{L}-])(tu|ta|tău|tale|tăi|poți|ești|vrei|îți|te-|ți-)(?![\p{L}])|(?<=\p{L})-(te|ți)(?![\p{L}])|(?:^|[.:;!?] )(Salvează|Trimite|Alege|Introdu|Scrie|Folosește|Verifică|Încearcă|Adaugă|Deschide|Descarcă|Închide|Lasă|Apasă|Cere|Contactează|Schimbă|Caută|Acceptă|Resetează|Reîncarcă|Pornește|Oprește|Elimină|Atașează|Retrimite)(?![\p{L}])/u;
    const found = namespaces.flatMap((ns) => {
      const file = load('ro', ns);
      return flatten(file)
        .map((key) => [key, String(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], file))])
        .filter(([, value]) => informal.test(value!))
        .map(([key, value]) => `ro/${ns}: ${key}: ${value}`);
    });
    expect(found).toEqual([]);
  });
});
