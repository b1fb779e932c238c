import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { parse as parseDisposition } from 'content-disposition';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../../db/schema.js';
import {
  createTestApp,
  multipart,
  signIn,
  type Session,
  type TestCompany,
  type TestOffice,
} from '../../../test/harness.js';
import {
  csv,
  hostileFiles,
  jpegWithLocation,
  pdf,
  pixelFlood,
  png,
  ublInvoice,
  xlsx,
  zip,
} from '../../../test/fixtures/files.js';

/** Every file under a folder (recursively), relative. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {
    recursive: true,
    withFileTypes: true,
  }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('attachments', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: TestOffice;
  let company: TestCompany;
  let otherCompany: TestCompany;
  let owner: Session;
  let accountant: Session;
  let client: Session;
  let colleague: Session;
  let limited: Session;
  let otherClient: Session;
  /** A client user whose language is Polish. */
  let polishClient: Session;
  let outsider: Session;
  let conversationId: string;
  let accounting: string;

  beforeAll(async () => {
    t = await createTestApp({ ATTACHMENT_MAX_MB: '2' });
    office = await t.factories.office();
    company = await t.factories.company(office, {
      name: 'Piekarnia Złoty Kłos',
    });
    otherCompany = await t.factories.company(office);
    const accountantUser = await t.factories.staff(office, {
      specialties: ['accounting'],
    });
    await t.factories.assign(company, accountantUser, 'accounting');
    owner = await signIn(t.app, office.owner.email);
    accountant = await signIn(t.app, accountantUser.email);
    client = await signIn(t.app, (await t.factories.clientUser(company, { access: 'full' })).email);
    colleague = await signIn(t.app, (await t.factories.clientUser(company, { access: 'full' })).email);
    limited = await signIn(t.app, (await t.factories.clientUser(company, { access: 'limited' })).email);
    otherClient = await signIn(t.app, (await t.factories.clientUser(otherCompany, { access: 'full' })).email);
    polishClient = await signIn(
      t.app,
      (
        await t.factories.clientUser(company, {
          access: 'full',
          user: await t.factories.user({ locale: 'pl' }),
        })
      ).email,
    );
    const otherOffice = await t.factories.office();
    outsider = await signIn(t.app, otherOffice.owner.email);
    accounting = (
      (await owner.get('/api/channels')).json().items as {
        id: string;
        key: string;
      }[]
    ).find((c) => c.key === 'accounting')!.id;
    const started = await client.post('/api/conversations', {
      clientId: randomUUID(),
      channelId: accounting,
      subject: 'Dokumenty za październik',
      body: 'W załączeniu.',
      visibility: 'company',
    });
    conversationId = started.json().id;
  });
  afterAll(() => t.close());

  const upload = (session: Session, name: string, content: Buffer, query = '') =>
    session.upload(`/api/attachments${query}`, name, content);
  const send = (session: Session, attachmentIds: string[], body = '') =>
    session.post(`/api/conversations/${conversationId}/messages`, {
      clientId: randomUUID(),
      body,
      attachmentIds,
    });

  it('accepts every allowed type, decided from the content', async () => {
    const cases: [string, Buffer, string][] = [
      ['zdjęcie paragonu.jpg', await jpegWithLocation(), 'image/jpeg'],
      ['screenshot.png', await png(), 'image/png'],
      [
        'obraz.webp',
        await sharp({
          create: { width: 50, height: 50, channels: 3, background: '#999' },
        })
          .webp()
          .toBuffer(),
        'image/webp',
      ],
      ['faktura.pdf', pdf(), 'application/pdf'],
      ['zestawienie.xlsx', xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['wyciąg.csv', csv, 'text/csv'],
      ['e-faktura.xml', ublInvoice, 'application/xml'],
      ['paczka.zip', zip({ 'a.txt': 'hello' }), 'application/zip'],
    ];
    for (const [name, content, mime] of cases) {
      const res = await upload(client, name, content);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ name, mime });
      // Photos are kept re-encoded without their metadata; every other file byte for byte.
      if (!mime.startsWith('image/')) expect(res.json().size, name).toBe(content.length);
    }
  });

  it('makes thumbnails and previews without any metadata (no EXIF location)', async () => {
    const photo = await jpegWithLocation(2400, 1600);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const uploaded = (await upload(client, 'paragon.jpg', photo)).json();
    expect(uploaded).toMatchObject({
      kind: 'image',
      width: 2400,
      height: 1600,
      thumbnail: true,
    });
    expect((await send(client, [uploaded.id])).statusCode).toBe(201);
    for (const [variant, max] of [
      ['thumbnail', 320],
      ['preview', 1600],
    ] as const) {
      const res = await accountant.get(`/api/attachments/${uploaded.id}/${variant}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width, meta.height)).toBe(max);
      expect(meta.exif).toBeUndefined();
    }
  });

  it('keeps and serves the original of a JPEG, PNG or WebP photo without its EXIF or XMP: no GPS position', async () => {
    const gps = {
      IFD0: { Make: 'Bureau Test Camera' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 13/1 5/1', GPSLongitudeRef: 'E', GPSLongitude: '21/1 0/1 40/1' },
    };
    const xmp =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,13.08N"/></rdf:RDF></x:xmpmeta>';
    const canvas = () => sharp({ create: { width: 600, height: 400, channels: 3, background: '#c84' } });
    const photos: [string, Buffer][] = [
      ['paragon.jpg', await jpegWithLocation(2400, 1600)],
      ['paragon xmp.jpg', await canvas().jpeg().withXmp(xmp).toBuffer()],
      ['zrzut.png', await canvas().png().withExif(gps).withXmp(xmp).toBuffer()],
      ['zdjęcie.webp', await canvas().webp().withExif(gps).withXmp(xmp).toBuffer()],
    ];
    for (const [name, photo] of photos) {
      const before = await sharp(photo).metadata();
      expect(before.exif ?? before.xmp, `${name} carries metadata`).toBeDefined();
      const uploaded = (await upload(client, name, photo)).json();
      expect(uploaded, name).toMatchObject({ name, width: before.width, height: before.height });
      expect((await send(client, [uploaded.id])).statusCode).toBe(201);
      const original = await accountant.get(`/api/attachments/${uploaded.id}`);
      expect(original.statusCode).toBe(200);
      expect(original.headers['content-type']).toBe(uploaded.mime);
      const after = await sharp(original.rawPayload).metadata();
      expect(after.format, name).toBe(before.format);
      expect([after.width, after.height], name).toEqual([before.width, before.height]);
      expect(after.exif, name).toBeUndefined();
      expect(after.xmp, name).toBeUndefined();
      expect(original.rawPayload.includes('GPS'), name).toBe(false);
      expect(original.rawPayload.length).toBe(uploaded.size);
    }
  });

  it('keeps a sideways photo upright once its orientation tag is gone', async () => {
    const sideways = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#48c' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const uploaded = (await upload(client, 'obrócone.jpg', sideways)).json();
    expect(uploaded).toMatchObject({ width: 200, height: 300 });
    const meta = await sharp((await client.get(`/api/attachments/${uploaded.id}`)).rawPayload).metadata();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([200, 300, 1]);
  });

  it('serves files as downloads that cannot run in the page: nosniff, a sandbox CSP, attachment disposition', async () => {
    const uploaded = (await upload(client, '../../etc/wyciąg "bankowy".csv', csv)).json();
    expect(uploaded.name).toBe('wyciąg _bankowy_.csv');
    await send(client, [uploaded.id], 'Wyciąg');
    const res = await accountant.get(`/api/attachments/${uploaded.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="wyci\?g _bankowy_\.csv"; filename\*=UTF-8''wyci%C4%85g%20_bankowy_\.csv$/,
    );
    // Even when asked, only a PDF is shown inline.
    expect(
      (await accountant.get(`/api/attachments/${uploaded.id}?inline=true`)).headers['content-disposition'],
    ).toMatch(/^attachment;/);
    const doc = (await upload(client, 'faktura.pdf', pdf())).json();
    await send(client, [doc.id]);
    const inline = await accountant.get(`/api/attachments/${doc.id}?inline=true`);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['content-type']).toBe('application/pdf');
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    const ranged = await accountant.request('GET', `/api/attachments/${doc.id}`, undefined, { range: 'bytes=0-7' });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.body).toBe('%PDF-1.4');
  });

  it('stores and serves names safe on every operating system, and refuses names with nothing left', async () => {
    const long = `${'ą'.repeat(170)}.pdf`; // 344 bytes
    const cases: [string, string][] = [
      ['faktura <marzec>: "VAT" | 1?*.pdf', 'faktura _marzec__ _VAT_ _ 1__.pdf'],
      ['CON.pdf', '_CON.pdf'],
      ['lpt9', '_lpt9.pdf'],
      ['wyciąg\u2028za marzec.pdf. . ', 'wyciąg za marzec.pdf'],
      ['Factură ș ț été.pdf', 'Factură ș ț été.pdf'],
      [long, `${'ą'.repeat(125)}.pdf`],
    ];
    for (const [sent, stored] of cases) {
      const res = await upload(client, sent, pdf());
      expect(res.statusCode, `${sent}: ${res.body}`).toBe(201);
      expect(res.json().name, sent).toBe(stored);
      await send(client, [res.json().id]);
      const download = await accountant.get(`/api/attachments/${res.json().id}`);
      expect(parseDisposition(String(download.headers['content-disposition'])).parameters.filename, sent).toBe(stored);
    }
    const before = await filesUnder(t.filesDir);
    for (const name of ['', '.', '..', '   ', '\u200b\u202e']) {
      const res = await upload(polishClient, name, pdf());
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      expect(res.json().error, JSON.stringify(name)).toEqual({
        code: 'attachment.name_invalid',
        message:
          'Ten plik nie ma nazwy, której można użyć: jest pusta albo składa się tylko z kropek, spacji lub niewidocznych znaków. Zmień nazwę pliku i załącz go ponownie.',
      });
    }
    expect(await filesUnder(t.filesDir)).toEqual(before);
  });

  it('shows a PDF inline only in a sandbox, like every other download, even one that carries JavaScript', async () => {
    const scripted = Buffer.from(
      pdf()
        .toString('latin1')
        .replace(
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(document.cookie)) >> >>',
        ),
      'latin1',
    );
    const doc = (await upload(client, 'faktura z JS.pdf', scripted)).json();
    await send(client, [doc.id]);
    for (const url of [`/api/attachments/${doc.id}?inline=true`, `/api/attachments/${doc.id}`]) {
      const res = await accountant.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; sandbox");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('refuses the hostile corpus and files whose content lies about their name, storing nothing', async () => {
    const before = await filesUnder(t.filesDir);
    for (const [label, file] of Object.entries(hostileFiles)) {
      const res = await upload(client, file.name, file.content);
      expect(res.statusCode, label).toBe(415);
      expect(res.json().error.code, label).toBe('attachment.type_not_allowed');
    }
    const lying = await upload(client, 'zdjęcie.jpg', pdf());
    expect(lying.statusCode).toBe(415);
    expect(lying.json().error).toMatchObject({
      code: 'attachment.type_mismatch',
      message:
        'The file zdjęcie.jpg is not what its name says: its content is PDF. Rename it or export it again, then attach it.',
    });
    const polish = await upload(polishClient, 'wyciąg.pdf', Buffer.from('<html><script>x</script></html>'));
    expect(polish.json().error.message).toBe(
      'Nie można załączyć pliku wyciąg.pdf: jego zawartość to HTML, a ten typ nie jest dozwolony. Dozwolone: obrazy (JPEG, PNG, WebP, HEIC), PDF, arkusze (XLSX, XLS, ODS, CSV), dokumenty (DOCX, ODT), XML i ZIP.',
    );
    // A body that is no valid form at all (its boundary is not the announced one).
    const malformed = await client.request('POST', '/api/attachments', multipart('a.pdf', pdf()).body, {
      'content-type': multipart('b', Buffer.alloc(0)).type,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('attachment.missing');
    const flood = await upload(client, 'flood.png', pixelFlood());
    expect(flood.statusCode).toBe(422);
    expect(flood.json().error.code).toBe('attachment.too_many_pixels');
    expect(await filesUnder(t.filesDir)).toEqual(before);
  });

  it('says in the user language that a file is too large, keeping neither a row nor a file', async () => {
    const before = await filesUnder(t.filesDir);
    const big = Buffer.concat([pdf(), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const { body, type } = multipart('ogromny.pdf', big);
    const res = await polishClient.request('POST', '/api/attachments', body, {
      'content-type': type,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({
      code: 'attachment.too_large',
      message: 'Plik ogromny.pdf jest za duży: pliki mogą mieć najwyżej 2 MB.',
    });
    expect(await filesUnder(t.filesDir)).toEqual(before);
  });

  it('leaves no row and no file behind when an upload is interrupted', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as net.AddressInfo;
    const before = await filesUnder(t.filesDir);
    const { body, type } = multipart('przerwany.pdf', Buffer.concat([pdf(), Buffer.alloc(1024 * 1024, 0x20)]));
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/attachments HTTP/1.1\r\nHost: localhost:3000\r\nOrigin: http://localhost:3000\r\nCookie: ${client.cookie}\r\nX-CSRF-Token: ${client.csrfToken}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        socket.write(body.subarray(0, 400_000), () => setTimeout(() => socket.destroy(), 200));
      });
      socket.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await filesUnder(t.filesDir)).toEqual(before);
    const rows = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx
        .select()
        .from(attachments)
        .where(and(eq(attachments.officeId, office.id), eq(attachments.name, 'przerwany.pdf'))),
    );
    expect(rows).toEqual([]);
  });

  it('stores identical content once, and a message takes files only from their own uploader', async () => {
    const content = pdf('Umowa o pracę');
    const first = (await upload(client, 'umowa.pdf', content)).json();
    const second = (await upload(client, 'umowa (kopia).pdf', content)).json();
    const hashes = (await filesUnder(t.filesDir)).filter((f) => f.startsWith('offices'));
    expect(new Set(hashes).size).toBe(hashes.length);
    const rows = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.select().from(attachments).where(eq(attachments.officeId, office.id)),
    );
    expect(rows.find((r) => r.id === first.id)!.sha256).toBe(rows.find((r) => r.id === second.id)!.sha256);
    // Someone else's upload, even of the same company, cannot be taken; nor can it be read before it is sent.
    expect((await send(colleague, [first.id])).json().error.code).toBe('attachment.invalid');
    expect((await colleague.get(`/api/attachments/${first.id}`)).statusCode).toBe(404);
    expect((await client.get(`/api/attachments/${first.id}`)).statusCode).toBe(200);
    const sent = await send(client, [first.id, second.id], 'Dwie wersje umowy');
    expect(sent.statusCode).toBe(201);
    expect(sent.json().attachments.map((a: { name: string }) => a.name)).toEqual(['umowa.pdf', 'umowa (kopia).pdf']);
    // Taken once: a second message cannot take them again.
    expect((await send(client, [first.id])).json().error.code).toBe('attachment.invalid');
    // A file uploaded for another company cannot go into this company's conversation.
    const foreign = await upload(accountant, 'inna.pdf', pdf(), `?companyId=${otherCompany.id}`);
    expect(foreign.statusCode).toBe(201);
    expect((await send(accountant, [foreign.json().id], 'Nie ta firma')).json().error.code).toBe('attachment.invalid');
  });

  it('a retried send with the same id returns the same message with its files, once', async () => {
    const file = (await upload(client, 'lista płac.pdf', pdf())).json();
    const clientId = randomUUID();
    const body = { clientId, body: 'Lista płac', attachmentIds: [file.id] };
    const first = await client.post(`/api/conversations/${conversationId}/messages`, body);
    const again = await client.post(`/api/conversations/${conversationId}/messages`, body);
    expect(first.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const listed = (await accountant.get(`/api/conversations/${conversationId}/messages`)).json().items;
    expect(listed.filter((m: { clientId: string }) => m.clientId === clientId)).toHaveLength(1);
    expect(listed.find((m: { clientId: string }) => m.clientId === clientId).attachments[0]).toMatchObject({
      id: file.id,
      name: 'lista płac.pdf',
      kind: 'pdf',
    });
  });

  it('needs text or files, and at most 10 files', async () => {
    const empty = await send(client, []);
    expect(empty.statusCode).toBe(400);
    const ids = [];
    for (let i = 0; i < 11; i++) ids.push((await upload(client, `skan ${i}.png`, await png(20, 20 + i))).json().id);
    const res = await send(client, ids, 'Jedenaście');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('attachment.too_many_files');
    expect((await send(client, ids.slice(0, 10))).statusCode).toBe(201);
  });

  it('shows files only to those who may read the conversation; a deleted message’s files only to admins', async () => {
    const file = (await upload(client, 'deklaracja.pdf', pdf())).json();
    const sent = (await send(client, [file.id], 'Deklaracja')).json();
    for (const [who, session, status] of [
      ['the accountant', accountant, 200],
      ['the owner', owner, 200],
      ['a colleague', colleague, 200],
      ['a limited user (conversation not theirs)', limited, 404],
      ['a client of another company', otherClient, 404],
      ['another office', outsider, 404],
    ] as const) {
      expect((await session.get(`/api/attachments/${file.id}`)).statusCode, who).toBe(status);
    }
    expect((await client.delete(`/api/messages/${sent.id}`)).statusCode).toBe(204);
    const listed = (await client.get(`/api/conversations/${conversationId}/messages`))
      .json()
      .items.find((m: { id: string }) => m.id === sent.id);
    expect(listed.attachments).toEqual([]);
    expect((await client.get(`/api/attachments/${file.id}`)).statusCode).toBe(404);
    expect((await accountant.get(`/api/attachments/${file.id}`)).statusCode).toBe(404);
    expect((await owner.get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
  });

  it('refuses a file into a closed conversation without losing the upload', async () => {
    const started = (
      await client.post('/api/conversations', {
        clientId: randomUUID(),
        channelId: accounting,
        subject: 'Zamknięta',
        body: 'Pytanie',
        visibility: 'company',
      })
    ).json();
    const file = (await upload(client, 'późno.pdf', pdf())).json();
    await client.post(`/api/conversations/${started.id}/close`);
    const res = await client.post(`/api/conversations/${started.id}/messages`, {
      clientId: randomUUID(),
      body: '',
      attachmentIds: [file.id],
    });
    expect(res.json().error.code).toBe('conversation.closed');
    // Still the sender's, ready for another message.
    expect((await client.get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
    expect((await send(client, [file.id])).statusCode).toBe(201);
  });

  it('sweeps uploads no message took, and the files nothing refers to any more', async () => {
    const kept = (await upload(client, 'wysłany.pdf', pdf('kept'))).json();
    await send(client, [kept.id]);
    const forgotten = (await upload(client, 'porzucony.pdf', pdf('forgotten'))).json();
    const result = await t.app.services.attachments.sweep(0, 0);
    expect(result.uploads).toBeGreaterThanOrEqual(1);
    expect(result.files).toBeGreaterThanOrEqual(1);
    expect((await client.get(`/api/attachments/${forgotten.id}`)).statusCode).toBe(404);
    expect((await accountant.get(`/api/attachments/${kept.id}`)).statusCode).toBe(200);
    // Every file left is referred to by a row.
    const rows = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.select().from(attachments).where(eq(attachments.officeId, office.id)),
    );
    const hashes = new Set(rows.flatMap((r) => [r.sha256, r.thumbnailSha256, r.previewSha256]));
    for (const file of await filesUnder(path.join(t.filesDir, 'offices', office.id)))
      expect(hashes.has(path.basename(file))).toBe(true);
  });

  it('uploads for a company only by those who work with it', async () => {
    const restricted = await t.factories.office({ restrictEmployees: true });
    const company2 = await t.factories.company(restricted);
    const employee = await signIn(t.app, (await t.factories.staff(restricted)).email);
    expect((await upload(employee, 'a.pdf', pdf(), `?companyId=${company2.id}`)).statusCode).toBe(404);
    expect((await upload(outsider, 'a.pdf', pdf(), `?companyId=${company.id}`)).statusCode).toBe(404);
    expect((await upload(owner, 'a.pdf', pdf())).json().error.code).toBe('validation');
  });

  it('gives back an upload removed from the composer; only one’s own, only before a message took it', async () => {
    const mine = (await upload(client, 'pomyłka.pdf', pdf('oops'))).json();
    expect((await colleague.delete(`/api/attachments/${mine.id}`)).statusCode).toBe(404);
    expect((await client.delete(`/api/attachments/${mine.id}`)).statusCode).toBe(204);
    expect((await client.get(`/api/attachments/${mine.id}`)).statusCode).toBe(404);
    expect((await client.delete(`/api/attachments/${mine.id}`)).statusCode).toBe(404);
    const sent = (await upload(client, 'wysłany.pdf', pdf('sent'))).json();
    await send(client, [sent.id]);
    expect((await client.delete(`/api/attachments/${sent.id}`)).statusCode).toBe(404);
    expect((await accountant.get(`/api/attachments/${sent.id}`)).statusCode).toBe(200);
  });

  it('two racing sends with the same id and files store one message with its files', async () => {
    for (let round = 0; round < 3; round++) {
      const file = (await upload(client, `wyścig ${round}.pdf`, pdf(`race ${round}`))).json();
      const body = { clientId: randomUUID(), body: `Wyścig ${round}`, attachmentIds: [file.id] };
      const [a, b] = await Promise.all([
        client.post(`/api/conversations/${conversationId}/messages`, body),
        client.post(`/api/conversations/${conversationId}/messages`, body),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect(a.json().id).toBe(b.json().id);
      expect(b.json().attachments.map((f: { id: string }) => f.id)).toEqual([file.id]);
    }
  });

  it('refuses markup hidden in XML, and takes CSV whose first letters look like another format', async () => {
    const padding = `<Note>${'x'.repeat(70_000)}</Note>`;
    const hidden = {
      'namespace prefix with a dash':
        '<?xml version="1.0"?><Invoice xmlns:h-x="http://www.w3.org/1999/xhtml"><h-x:img src="x" onerror="alert(1)"/></Invoice>',
      'namespace as character references':
        '<?xml version="1.0"?><Invoice xmlns:h="http&#58;//www.w3.org/1999/xhtml"><h:img src="x"/></Invoice>',
      'namespace after 64 KB': `<?xml version="1.0"?><Invoice>${padding}<h:p xmlns:h="http://www.w3.org/1999/xhtml">x</h:p></Invoice>`,
      'an XSLT stylesheet': '<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="evil.xsl"?><Invoice/>',
      'a DOCTYPE with entities': '<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY a "aaaa">]><Invoice>&a;</Invoice>',
      MathML: '<?xml version="1.0"?><math xmlns="http://www.w3.org/1998/Math/MathML"/>',
    };
    for (const [label, xml] of Object.entries(hidden)) {
      const res = await upload(client, 'faktura.xml', Buffer.from(xml));
      expect(res.statusCode, label).toBe(415);
    }
    for (const text of ['BMW;X5;2024\n', 'ID3;kod;opis\n', 'MZ;Mazowieckie\n']) {
      expect((await upload(client, 'dane.csv', Buffer.from(text))).statusCode, text).toBe(201);
    }
  });

  it('ignores an invalid byte range and serves the whole file', async () => {
    const doc = (await upload(client, 'zakres.pdf', pdf('range'))).json();
    const res = await client.request('GET', `/api/attachments/${doc.id}`, undefined, { range: 'bytes=5-3' });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(
      (await client.request('GET', `/api/attachments/${doc.id}`, undefined, { range: 'bytes=999999-' })).statusCode,
    ).toBe(416);
  });

  it('answers a clear error, not a broken download, when a stored file is missing from the disk', async () => {
    const doc = (await upload(client, 'zgubiony.pdf', pdf('lost'))).json();
    const [row] = await t.db.inTenant({ officeId: office.id }, (tx) =>
      tx.select().from(attachments).where(eq(attachments.id, doc.id)),
    );
    await rm(path.join(t.filesDir, 'offices', office.id, row!.sha256.slice(0, 2), row!.sha256));
    const res = await client.get(`/api/attachments/${doc.id}`);
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json().error.code).toBe('internal');
  });
});
