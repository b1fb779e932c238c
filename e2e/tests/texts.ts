// The app's own translations, so the browser tests find controls by the text a user reads.
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Messages = Record<string, unknown>;
const load = (locale: string, ns: string): Messages =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../common/src/locales/${locale}/${ns}.json`), 'utf8'));

/** A translator for one language: `t('setup.submit')`, `t('errors:field.tax_id_checksum', { kind: 'NIP' })`. */
export function texts(locale: 'en' | 'pl' | 'ro' | 'fr') {
  const namespaces: Record<string, Messages> = { web: load(locale, 'web'), errors: load(locale, 'errors') };
  return (key: string, params: Record<string, string | number> = {}): string => {
    const [ns, path] = key.includes(':') ? (key.split(':') as [string, string]) : ['web', key];
    const value = lookup(namespaces[ns], path.split('.'));
    if (typeof value !== 'string') throw new Error(`no ${locale} text for ${key}`);
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
  };
}

/** Follows a dotted path; keys may contain dots themselves (audit actions such as "company.updated"). */
function lookup(node: unknown, parts: string[]): unknown {
  if (parts.length === 0) return node;
  if (!node || typeof node !== 'object') return undefined;
  for (let i = parts.length; i > 0; i--) {
    const key = parts.slice(0, i).join('.');
    if (key in node) {
      const found = lookup((node as Messages)[key], parts.slice(i));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
