import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, signIn, type Session } from '../../test/harness.js';
import { findUnstorableText, isStorableText, toStorableText } from '../db/text.js';

const NUL = 'a\u0000b';
const LONE_HIGH = 'zdjęcie \ud83d.';
const LONE_LOW = '\ude00 koniec';

describe('text PostgreSQL cannot store', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let owner: Session;
  let client: Session;
  let accounting: string;
  let conversationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const office = await t.factories.office();
    const company = await t.factories.company(office);
    owner = await signIn(t.app, office.owner.email);
    client = await signIn(
      t.app,
      (await t.factories.clientUser(company, { access: 'full', user: await t.factories.user({ locale: 'pl' }) })).email,
    );
    accounting = ((await owner.get('/api/channels')).json().items as { id: string; key: string }[]).find(
      (c) => c.key === 'accounting',
    )!.id;
    conversationId = (
      await client.post('/api/conversations', {
        clientId: randomUUID(),
        channelId: accounting,
        subject: 'Faktury',
        body: 'Dzień dobry',
        visibility: 'company',
      })
    ).json().id;
  });
  afterAll(() => t.close());

  it('tells NUL characters and lone surrogates from whole characters, emoji included', () => {
    for (const bad of [NUL, LONE_HIGH, LONE_LOW, '\ud83d\ud83d'])
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['', 'Zażółć gęślą jaźń 😀', 'ș ț ă î â é ç', '\u2028 \u202e'])
      expect(isStorableText(good), good).toBe(true);
    expect(toStorableText(`${NUL}${LONE_HIGH}😀`)).toBe('abzdjęcie \ufffd.😀');
    expect(findUnstorableText({ a: ['ok', { b: NUL }] })).toBe('a.1.b');
    expect(findUnstorableText({ [NUL]: 'x' })).toBe('');
    // Nesting far deeper than the call stack is walked, not overflowed.
    let deep: unknown = LONE_HIGH;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableText(deep)).toBe('0.'.repeat(200_000).slice(0, -1));
  });

  it('refuses a NUL or a lone surrogate in a message body, subject or name with a translated 400, for every route', async () => {
    const cases: [string, () => ReturnType<Session['post']>, string][] = [
      [
        'message body',
        () =>
          client.post(`/api/conversations/${conversationId}/messages`, {
            clientId: randomUUID(),
            body: `Faktura ${NUL}`,
          }),
        'body',
      ],
      [
        'message body (lone surrogate)',
        () => client.post(`/api/conversations/${conversationId}/messages`, { clientId: randomUUID(), body: LONE_HIGH }),
        'body',
      ],
      [
        'subject',
        () =>
          client.post('/api/conversations', {
            clientId: randomUUID(),
            channelId: accounting,
            subject: LONE_LOW,
            body: 'x',
            visibility: 'company',
          }),
        'subject',
      ],
      ['own name', () => client.patch('/api/me', { name: `Jan ${NUL} Kowalski` }), 'name'],
      [
        'staff name',
        () =>
          owner.post('/api/staff', { name: LONE_HIGH, email: 'nowy@example.test', role: 'employee', specialties: [] }),
        'name',
      ],
      [
        'setup',
        () =>
          anonymous(t.app).post('/api/setup', {
            officeName: 'Biuro',
            country: 'PL',
            locale: 'pl',
            ownerName: NUL,
            email: 'a@example.test',
            password: 'x',
          }),
        'ownerName',
      ],
      ['company search', () => owner.get(`/api/companies?search=${encodeURIComponent(NUL)}`), 'search'],
      ['message search', () => client.get(`/api/search?q=${encodeURIComponent(NUL)}`), 'q'],
      ['audit action', () => owner.get(`/api/audit?action=company.${encodeURIComponent(NUL)}`), 'action'],
      ['portfolio search', () => owner.get(`/api/portfolio?q=${encodeURIComponent(NUL)}`), 'q'],
      ['path parameter', () => owner.get(`/api/companies/${encodeURIComponent(NUL)}`), 'id'],
    ];
    for (const [label, call, field] of cases) {
      const res = await call();
      expect(res.statusCode, `${label}: ${res.body}`).toBe(400);
      expect(res.json().error.code, label).toBe('validation');
      expect(Object.keys(res.json().error.fields), label).toEqual([field]);
    }
    const polish = await client.post(`/api/conversations/${conversationId}/messages`, {
      clientId: randomUUID(),
      body: NUL,
    });
    expect(polish.json().error.fields).toEqual({
      body: 'Ten tekst zawiera znak, którego nie można zapisać (znak NUL lub połowę emoji). Usuń go i spróbuj ponownie.',
    });
    // Whole emoji, diacritics and the rest still pass.
    const fine = await client.post(`/api/conversations/${conversationId}/messages`, {
      clientId: randomUUID(),
      body: 'Dziękuję 😀 — ș ț é',
    });
    expect(fine.statusCode).toBe(201);
    expect((await owner.get(`/api/companies?search=${encodeURIComponent('Żółw 😀')}`)).statusCode).toBe(200);
  });
});
