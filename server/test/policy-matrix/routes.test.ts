// No route ships without its rule: every API route of the app has exactly one row, in its module's rows, and every
// row names a route that exists. The rows themselves run in the group files beside this one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../harness.js';
import { rowsByModule } from './all-rows.js';
import type { TestApp } from './world.js';

describe('authorization matrix: coverage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const rows = Object.entries(rowsByModule).flatMap(([module, moduleRows]) =>
    Object.entries(moduleRows).map(([route, entry]) => ({ module, route, entry })),
  );

  it('has a row for every API route, and none for routes that do not exist', () => {
    const routes = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(new Set(routes).size).toBe(routes.length);
    const rowRoutes = rows.map((r) => r.route);
    expect(rowRoutes.filter((route) => !routes.includes(route))).toEqual([]);
    expect(routes.filter((route) => !rowRoutes.includes(route))).toEqual([]);
  });

  it('gives each route its rows in one module only', () => {
    const seen = new Map<string, string>();
    const twice = rows.filter(({ module, route }) => {
      const first = seen.get(route);
      seen.set(route, module);
      return first !== undefined;
    });
    expect(twice.map((r) => r.route)).toEqual([]);
  });

  it('gives public routes (and only them) an answer for signed-out visitors', () => {
    const byRoute = new Map(rows.map((r) => [r.route, r.entry]));
    for (const { method, url, public: isPublic } of t.app.apiRoutes) {
      const anonymousAnswer = byRoute.get(`${method} ${url}`)?.expect.anonymous;
      expect(anonymousAnswer === 401, `${method} ${url}`).toBe(!isPublic);
    }
  });
});
