import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { buildAppSchema } from "../../server/schema.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

/**
 * Issue 12 item 10: a NUL byte (or any control character) in a text argument was an
 * INTERNAL_SERVER_ERROR. Every String/ID argument and input field of every mutation and query,
 * found by introspecting the built schema (so a new one cannot be forgotten), is sent a NUL
 * and must be refused with BAD_USER_INPUT naming the field, changing nothing.
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let admin: TestUser;
beforeAll(async () => {
  db = await openTestDb("controlchars");
  gql = await createExecutor(db.orm);
  admin = await makeUser(db.orm, "Admin", Role.ADMIN);
}, 120_000);
afterAll(async () => {
  await gql.stop();
  await db.close();
});

type Path = (string | number)[];
const SAMPLE: Record<string, unknown> = {
  Int: 1,
  Float: 1,
  Boolean: false,
  LocalDate: "2024-01-01",
  DateTimeISO: "2024-01-01T00:00:00Z",
  SafeInt: 1,
  JSON: {},
};

/** A value of the type with every input field filled, and the paths to its text leaves. */
function sample(type: GraphQLInputType, path: Path, texts: Path[]): unknown {
  if (isNonNullType(type)) return sample(type.ofType, path, texts);
  if (isListType(type)) return [sample(type.ofType, [...path, 0], texts)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields()).map(f => [f.name, sample(f.type, [...path, f.name], texts)]),
    );
  }
  if (isScalarType(type) && (type.name === "String" || type.name === "ID")) {
    texts.push(path);
    return "x";
  }
  return SAMPLE[getNamedType(type).name] ?? "x";
}

/** The field name the API reports: input field path without the argument and list positions. */
function fieldName(arg: GraphQLArgument, path: Path): string {
  const names = path.filter((p): p is string => typeof p === "string");
  return names.length > 1 ? names.slice(1).join(".") : arg.name;
}

function withValue(
  vars: Record<string, unknown>,
  path: Path,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(vars);
  let node: any = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)!] = value;
  return copy;
}

/** One case per text leaf of each field's arguments: the operation, its variables, the path. */
function cases(operation: "query" | "mutation", fields: GraphQLField<unknown, unknown>[]) {
  const out: {
    name: string;
    query: string;
    vars: Record<string, unknown>;
    path: Path;
    field: string;
  }[] = [];
  for (const f of fields) {
    if (!f.args.length) continue;
    const texts: Path[] = [];
    const owner = new Map<Path, GraphQLArgument>();
    const vars: Record<string, unknown> = {};
    for (const arg of f.args) {
      const before = texts.length;
      vars[arg.name] = sample(arg.type, [arg.name], texts);
      for (const p of texts.slice(before)) owner.set(p, arg);
    }
    const selection = isLeafType(getNamedType(f.type)) ? "" : " { __typename }";
    const query = `${operation}(${f.args.map(a => `$${a.name}: ${a.type}`).join(", ")}) { ${f.name}(${f.args.map(a => `${a.name}: $${a.name}`).join(", ")})${selection} }`;
    for (const path of texts) {
      out.push({ name: f.name, query, vars, path, field: fieldName(owner.get(path)!, path) });
    }
  }
  return out;
}

describe("10: control characters in text arguments", () => {
  it("10: a NUL in any text argument of any mutation is BAD_USER_INPUT naming the field, and changes nothing", async () => {
    const schema = await buildAppSchema();
    const all = cases("mutation", Object.values(schema.getMutationType()!.getFields()));
    expect(all.length).toBeGreaterThan(30);
    for (const c of all) {
      const before = await fingerprint(db.orm);
      const r = await gql.run(c.query, withValue(c.vars, c.path, "a\u0000b"), admin.user);
      const what = `${c.name} ${c.path.join(".")}: ${JSON.stringify(r.errors?.[0])}`;
      expect(r.errors?.[0]?.extensions?.code, what).toBe("BAD_USER_INPUT");
      expect(r.errors?.[0]?.extensions?.field, what).toBe(c.field);
      expect(await fingerprint(db.orm), what).toEqual(before);
    }
  }, 300_000);

  it("10: a NUL in any text argument of any query is BAD_USER_INPUT naming the field", async () => {
    const schema = await buildAppSchema();
    for (const c of cases("query", Object.values(schema.getQueryType()!.getFields()))) {
      const r = await gql.run(c.query, withValue(c.vars, c.path, "a\u0000b"));
      const what = `${c.name} ${c.path.join(".")}: ${JSON.stringify(r.errors?.[0])}`;
      expect(r.errors?.[0]?.extensions?.code, what).toBe("BAD_USER_INPUT");
      expect(r.errors?.[0]?.extensions?.field, what).toBe(c.field);
    }
  }, 300_000);

  it("10: single-line fields refuse every C0 character and DEL; notes keep tab and line breaks; URLs are http(s) only", async () => {
    const UPDATE = `mutation($p: SourcePatch!) { updateSource(code: "moj-nq19", patch: $p) { note } }`;
    const refuse = async (patch: Record<string, string>, field: string) => {
      const before = await fingerprint(db.orm);
      const r = await gql.run(UPDATE, { p: patch }, admin.user);
      expect(r.errors?.[0]?.extensions, JSON.stringify(patch)).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
      expect(await fingerprint(db.orm)).toEqual(before);
    };
    await refuse({ url: "https://x\u0000y" }, "url");
    for (const c of ["\u0001", "\t", "\n", "\r", "\u001f", "\u007f"]) {
      await refuse({ title: `a${c}b` }, "title");
    }
    for (const c of ["\u0000", "\u0007", "\u001b", "\u007f"]) {
      await refuse({ note: `a${c}b` }, "note");
    }
    for (const url of [
      "ftp://example.org",
      "javascript:alert(1)",
      "data:text/html,x",
      "file:///etc/passwd",
    ]) {
      await refuse({ url }, "url");
    }
    const ok = await gql.run(UPDATE, { p: { note: "dòng 1\r\ndòng 2\tcột" } }, admin.user);
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ updateSource: { note: "dòng 1\r\ndòng 2\tcột" } });
  });

  it("10: a control character in a CSV cell is refused with its line and column", async () => {
    const IMPORT = `mutation($csv: String!) { importCsv(layout: MONITORING, csv: $csv) { created } }`;
    const head = "site_code,site_name,unit,sector,year,factor,samples,samples_over_limit\n";
    for (const [name, column] of [
      ['"Nhà\nmáy"', "site_name"],
      ['"Nhà\tmáy"', "site_name"],
    ] as const) {
      const before = await fingerprint(db.orm);
      const r = await gql.run(
        IMPORT,
        { csv: `${head}cc-site,${name},hai-duong-63,textiles,2020,dust,3,1\n` },
        admin.user,
      );
      const error = r.errors?.[0] as { extensions?: Record<string, any> } | undefined;
      expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error?.extensions?.problems?.[0]).toMatchObject({ column, code: "BAD_USER_INPUT" });
      expect(await fingerprint(db.orm)).toEqual(before);
    }
    // Other control characters are refused in the file as a whole, before any cell is read.
    const r = await gql.run(
      IMPORT,
      { csv: `${head}cc-site,N\u0001,hai-duong-63,textiles,2020,dust,3,1\n` },
      admin.user,
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "csv" });
  });
});
