import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../server/app.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/db.js';

/** The response cache answers repeated anonymous queries before Apollo runs, and forgets them on any committed write. */
let app: RunningApp;
let url: string;
beforeAll(async () => {
  url = await createTestDatabase('cache');
  app = await startApp({ databaseUrl: url, port: 0, production: true });
});
afterAll(async () => {
  await app.close();
  await dropTestDatabase(url);
});

const ask = async () => {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ source(code: "moj-nq19") { title } }' }),
  });
  return { cache: res.headers.get('x-cache'), sql: Number(res.headers.get('x-sql-statements')), body: (await res.json()) as { data: { source: { title: string } | null } } };
};

describe('response cache', () => {
  it('serves a repeated query without SQL, and a fresh answer after a write by another process', async () => {
    const first = await ask();
    expect(first.cache).toBe('miss');
    expect(first.body.data.source).not.toBeNull();
    const second = await ask();
    expect(second).toMatchObject({ cache: 'hit', sql: 0, body: first.body });

    // A write from outside this server (another instance, an import) must invalidate it too.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`update source set title = 'changed elsewhere' where code = 'moj-nq19'`);
    await client.end();
    let third = await ask();
    for (let i = 0; i < 50 && third.body.data.source!.title !== 'changed elsewhere'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      third = await ask();
    }
    expect(third.body.data.source!.title).toBe('changed elsewhere');
    expect(third.cache).toBe('miss');
  });
});
