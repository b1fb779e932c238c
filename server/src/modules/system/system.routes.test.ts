import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../app.js';
import { anonymous, createTestApp, signIn } from '../../../test/harness.js';

describe('system routes and HTTP hardening', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports database reachability', async () => {
    const res = await anonymous(t.app).get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const doc = (await anonymous(t.app).get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/companies', '/api/companies/{id}', '/api/auth/sign-in', '/api/me']),
    );
    expect(doc.paths['/api/companies'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(
      false,
    );
    for (const route of t.app.apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
  });

  it('declares the downloads as binary bodies of their content types', async () => {
    const doc = (await anonymous(t.app).get('/api/openapi.json')).json();
    const types = (path: string, status = '200') =>
      Object.fromEntries(
        Object.entries(doc.paths[path].get.responses[status].content as Record<string, { schema: object }>).map(
          ([type, { schema }]) => [type, schema],
        ),
      );
    const binary = { type: 'string', format: 'binary' };
    expect(types('/api/attachments/{id}')).toMatchObject({ 'application/pdf': binary, 'image/jpeg': binary });
    expect(types('/api/attachments/{id}', '206')).toMatchObject({ 'application/pdf': binary });
    expect(types('/api/attachments/{id}/thumbnail')).toEqual({ 'image/webp': binary });
    expect(types('/api/attachments/{id}/preview')).toEqual({ 'image/webp': binary });
    for (const report of ['/api/broadcasts/{id}/report', '/api/imports/{id}/report'])
      expect(Object.keys(types(report))).toEqual([
        'text/csv',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]);
  });

  it('sends security headers: CSP without inline scripts, nosniff, no framing, referrer policy, no-store on the API', async () => {
    const res = await anonymous(t.app).get('/api/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('sends Strict-Transport-Security only over HTTPS: a PUBLIC_URL in https, or X-Forwarded-Proto behind a trusted proxy', async () => {
    const hsts = 'max-age=31536000; includeSubDomains';
    // Plain HTTP (PUBLIC_URL http, no proxy): none, and a forged X-Forwarded-Proto changes nothing.
    expect((await anonymous(t.app).get('/api/health')).headers['strict-transport-security']).toBeUndefined();
    expect(
      (await anonymous(t.app, { 'x-forwarded-proto': 'https' }).get('/api/health')).headers[
        'strict-transport-security'
      ],
    ).toBeUndefined();
    const proxied = await createTestApp({ TRUST_PROXY: 'true' });
    const https = await createTestApp({ PUBLIC_URL: 'https://portal.biuro.example' });
    try {
      expect(
        (await anonymous(proxied.app, { 'x-forwarded-proto': 'https' }).get('/api/health')).headers[
          'strict-transport-security'
        ],
      ).toBe(hsts);
      expect(
        (await anonymous(proxied.app, { 'x-forwarded-proto': 'https' }).get('/api/nope')).headers[
          'strict-transport-security'
        ],
      ).toBe(hsts);
      expect(
        (await anonymous(proxied.app, { 'x-forwarded-proto': 'http' }).get('/api/health')).headers[
          'strict-transport-security'
        ],
      ).toBeUndefined();
      expect((await anonymous(proxied.app).get('/api/health')).headers['strict-transport-security']).toBeUndefined();
      expect((await anonymous(https.app).get('/api/health')).headers['strict-transport-security']).toBe(hsts);
    } finally {
      await proxied.close();
      await https.close();
    }
  });

  it('answers unknown API paths with a translated 404 (401 before signing in)', async () => {
    expect((await anonymous(t.app).get('/api/nope')).statusCode).toBe(401);
    const office = await t.factories.office();
    const browser = await signIn(t.app, office.owner.email);
    await browser.patch('/api/me', { locale: 'ro' });
    const res = await browser.get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Nu a fost găsit sau nu aveți acces.' } });
  });

  it('sends only the fields of the response schema', async () => {
    const office = await t.factories.office();
    const owner = await signIn(t.app, office.owner.email);
    const staff = (await owner.get('/api/staff')).json().items[0];
    expect(Object.keys(staff).sort()).toEqual([
      'assignedCompanies',
      'createdAt',
      'disabled',
      'email',
      'name',
      'role',
      'specialties',
      'totpEnabled',
      'userId',
    ]);
    expect(JSON.stringify((await owner.get('/api/me')).json())).not.toMatch(/password|totpSecret|hash/i);
  });

  it('keeps tokens of e-mailed links out of the logs', () => {
    expect(redactUrl('/api/auth/token/abcDEF123_-?x=1')).toBe('/api/auth/token/[redacted]?x=1');
    expect(redactUrl('/set-password/abc_DEF-1')).toBe('/set-password/[redacted]');
    expect(redactUrl('/reset-password/abc')).toBe('/reset-password/[redacted]');
    expect(redactUrl('/invite/abc_DEF-1')).toBe('/invite/[redacted]');
    expect(redactUrl('/api/invitation-links/abc_DEF-1/accept')).toBe('/api/invitation-links/[redacted]/accept');
    expect(redactUrl('/sign-in/link/abc')).toBe('/sign-in/link/[redacted]');
    expect(redactUrl('/api/companies?page=2')).toBe('/api/companies?page=2');
  });
});
