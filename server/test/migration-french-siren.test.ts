// Migration 0020 rewrites French companies stored by SIRET or FR VAT number to their SIREN. The template database is
// migrated already, so rows are written here the way older versions stored them and the migration's SQL runs again.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './database.js';
import { Factories, type TestCompany } from './harness.js';

const migration = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations/0020_french_siren.sql');

describe('migration 0020: French companies keyed by SIREN', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let sql: string;
  const ids: Record<string, TestCompany> = {};

  const stored = async (company: TestCompany) =>
    (
      await owner.query<{ tax_id: string; siret: string | null }>('SELECT tax_id, siret FROM companies WHERE id = $1', [
        company.id,
      ])
    ).rows[0];

  beforeAll(async () => {
    t = await createTestDatabase();
    owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    sql = await readFile(migration, 'utf8');
    const f = new Factories(t.db);
    const a = await f.office();
    const b = await f.office();
    const fr = (office: typeof a, taxId: string) => f.company(office, { country: 'FR', taxId });
    ids.siret = await fr(a, '73282932000074');
    ids.vat = await fr(a, 'FR27552032534');
    ids.siren = await fr(a, '383474814');
    // The office has this company twice already: by SIREN and by VAT number.
    ids.heldSiren = await fr(a, '542065479');
    ids.heldVat = await fr(a, 'FR82542065479');
    ids.heldSiret = await fr(a, '54206547900017');
    // One company stored twice, by SIRET and by VAT number, and no row holding its SIREN: the older one takes it.
    ids.olderSiret = await fr(a, '40483304800014');
    ids.newerVat = await fr(a, 'FR83404833048');
    await owner.query(`UPDATE companies SET created_at = now() - interval '1 day' WHERE id = $1`, [ids.olderSiret!.id]);
    // Another office's company with the SIREN office A holds: offices never collide.
    ids.otherOffice = await fr(b, '54206547900017');
    // Only French ids are rewritten.
    ids.polish = await f.company(a, { country: 'PL', taxId: '5260250274' });
    ids.other = await f.company(a, { country: 'OTHER', taxId: 'FR82542065479' });
  });
  afterAll(async () => {
    await owner?.end();
    await t?.drop();
  });

  it('stores a SIRET as its SIREN and keeps the SIRET as the establishment, and a VAT number as its SIREN', async () => {
    await owner.query(sql);
    expect(await stored(ids.siret!)).toEqual({ tax_id: '732829320', siret: '73282932000074' });
    expect(await stored(ids.vat!)).toEqual({ tax_id: '552032534', siret: null });
    expect(await stored(ids.siren!)).toEqual({ tax_id: '383474814', siret: null });
  });

  it('leaves the rows whose SIREN another company of the office already holds', async () => {
    expect(await stored(ids.heldSiren!)).toEqual({ tax_id: '542065479', siret: null });
    expect(await stored(ids.heldVat!)).toEqual({ tax_id: 'FR82542065479', siret: null });
    expect(await stored(ids.heldSiret!)).toEqual({ tax_id: '54206547900017', siret: null });
    expect(await stored(ids.otherOffice!)).toEqual({ tax_id: '542065479', siret: '54206547900017' });
  });

  it('gives a SIREN two rows would take to the older one and leaves the other', async () => {
    expect(await stored(ids.olderSiret!)).toEqual({ tax_id: '404833048', siret: '40483304800014' });
    expect(await stored(ids.newerVat!)).toEqual({ tax_id: 'FR83404833048', siret: null });
  });

  it('touches no other country and changes nothing when run again', async () => {
    expect(await stored(ids.polish!)).toEqual({ tax_id: '5260250274', siret: null });
    expect(await stored(ids.other!)).toEqual({ tax_id: 'FR82542065479', siret: null });
    const before = (await owner.query('SELECT id, tax_id, siret FROM companies ORDER BY id')).rows;
    const again = await owner.query(sql);
    expect(again.rowCount).toBe(0);
    expect((await owner.query('SELECT id, tax_id, siret FROM companies ORDER BY id')).rows).toEqual(before);
  });
});
