import { readFileSync, globSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Tax ids are stored bare (9464467178) and written the country's way (946-446-71-78) by one formatter from common/;
// a screen that prints the stored value shows the same company two ways. This reads every screen's source, so a new
// screen that forgets the formatter fails here rather than in a reader's eyes.
const webSrc = path.resolve(import.meta.dirname, '..');
const screens = globSync('**/*.tsx', { cwd: webSrc });

/** A JSX child that prints a tax id or SIRET as stored: `{c.taxId}`, `{invitation.companyTaxId}`, `{x.siret}`. */
const rawTaxId = /\{\s*(?!labels\.)[\w.?]*(?<!format)(?:taxId|TaxId|siret)\s*(?:\?\?[^}]*)?\}/g;

describe('tax ids on screen', () => {
  it('are always written through formatTaxId, never as stored', () => {
    const offenders = screens.flatMap((file) => {
      const source = readFileSync(path.join(webSrc, file), 'utf8');
      return [...source.matchAll(rawTaxId)]
        .filter((m) => !isInputValue(source, m.index))
        .map((m) => `${file}: ${m[0]}`);
    });
    expect(offenders).toEqual([]);
  });

  it('use the formatter on the screens that show a company by its tax id', () => {
    for (const file of [
      'pages/companies/CompanyListPage.tsx',
      'pages/companies/CompanyPage.tsx',
      'components/company/CompanyDetailsCard.tsx',
      'pages/onboarding/PortfolioPage.tsx',
      'pages/broadcasts/BroadcastPage.tsx',
      'pages/invitations/InvitationLinkPage.tsx',
    ]) {
      expect(readFileSync(path.join(webSrc, file), 'utf8'), file).toMatch(/formatTaxId\(/);
    }
  });
});

/** `value={taxId}` in a form field is what the person typed, not a display. */
function isInputValue(source: string, index: number): boolean {
  return /(?:value|defaultValue)=$/.test(source.slice(Math.max(0, index - 14), index));
}
