import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../server/app.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/db.js';

/** One end-to-end check over HTTP: the explorer page, a query, headers, limits. */
let app: RunningApp;
let url: string;
beforeAll(async () => {
  url = await createTestDatabase('http');
  app = await startApp({ databaseUrl: url, port: 0, production: true });
});
afterAll(async () => {
  await app.close();
  await dropTestDatabase(url);
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('HTTP', () => {
  it('serves the GraphQL explorer page to a browser', async () => {
    const res = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<html/i);
  });

  it('answers a query and reports its SQL statement count', async () => {
    const res = await post({ query: '{ unit(code: "vn") { nameVi nameEn } }' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { unit: { nameVi: expect.stringMatching(/Việt Nam/), nameEn: expect.stringMatching(/Viet ?nam/i) } } });
    expect(Number(res.headers.get('x-sql-statements'))).toBeGreaterThan(0);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a body over the limit with 413 and a GET mutation-like request without CSRF header', async () => {
    const res = await post({ query: `{ units(filter: { search: "${'x'.repeat(1_100_000)}" }) { totalCount } }` });
    expect(res.status).toBe(413);
    const csrf = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(csrf.status).toBe(400);
  });

  it('hides internal details in production errors', async () => {
    const res = await post({ query: '{ units(first: -1) { totalCount } }' });
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  });
});
