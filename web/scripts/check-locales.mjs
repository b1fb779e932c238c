// Checks that every web.json has the same keys as English, every plural form its language needs,
// and the same {{placeholders}}. Run: node web/scripts/check-locales.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../common/src/locales/', import.meta.url));
const LANGS = ['en', 'pl', 'ro', 'fr'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') flatten(value, path, out);
    else out.set(path, String(value));
  }
  return out;
}

const vars = (text) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

// base key → { forms: Set, vars: string of the 'other' form or the plain text }
function describe(lang) {
  const flat = flatten(JSON.parse(readFileSync(`${dir}${lang}/web.json`, 'utf8')));
  const keys = new Map();
  for (const [key, text] of flat) {
    const match = key.match(PLURAL);
    const base = match ? key.slice(0, -match[0].length) : key;
    const entry = keys.get(base) ?? { forms: new Set(), vars: new Set() };
    if (match) entry.forms.add(match[1]);
    entry.vars.add(vars(text));
    keys.set(base, entry);
  }
  return keys;
}

let problems = 0;
const report = (msg) => {
  problems++;
  console.error(msg);
};
const en = describe('en');
for (const lang of LANGS) {
  const keys = describe(lang);
  const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  for (const [base, entry] of en) {
    const mine = keys.get(base);
    if (!mine) {
      report(`${lang}: missing ${base}`);
      continue;
    }
    if (entry.forms.size > 0) {
      for (const form of needed) if (!mine.forms.has(form)) report(`${lang}: ${base} lacks the plural form _${form}`);
    }
    const enVars = [...entry.vars].join('|');
    for (const v of mine.vars)
      if (!entry.vars.has(v) && !enVars.includes(v))
        report(`${lang}: ${base} uses {{${v}}}, English uses {{${enVars}}}`);
  }
  for (const base of keys.keys()) if (!en.has(base)) report(`${lang}: extra key ${base}`);
  console.log(`${lang}: ${keys.size} keys, plural forms ${needed.join('/')}`);
}
if (problems) {
  console.error(`${problems} problem(s)`);
  process.exit(1);
}
console.log('web.json: all four languages agree');
