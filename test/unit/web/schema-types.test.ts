import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as analytics from '../../../web/src/api/analytics.js';
import * as catalog from '../../../web/src/api/catalog.js';
import * as monitoring from '../../../web/src/api/monitoring.js';
import * as programmes from '../../../web/src/api/programmes.js';

// Every query document the web app sends must be valid against the committed SDL: a field the
// server renames or drops fails here, not in a user's browser.
const schemaPath = resolve(import.meta.dirname, '../../../schema/schema.graphql');

const modules: Record<string, unknown> = { ...analytics, ...catalog, ...monitoring, ...programmes };
const documents = Object.entries(modules).filter(
  (entry): entry is [string, string] => entry[0].endsWith('_QUERY') && typeof entry[1] === 'string',
);

// A missing schema fails here (readFileSync throws ENOENT): it is committed, and `npm run
// schema:emit` rewrites it.
describe('web API documents vs schema/schema.graphql', () => {
  const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

  it('finds the documents', () => {
    expect(documents.length).toBeGreaterThanOrEqual(6);
  });

  it.each(documents)('%s is valid', (_name, document) => {
    const errors = validate(schema, parse(document));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
