import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  execute,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script (run by npm before anything is built), without types.
import { MARKER, patched } from "../../../scripts/patch-graphql-jit.mjs";

/**
 * `npm install` patches graphql-jit's list handler (scripts/patch-graphql-jit.mjs): an item that
 * is not a promise skips the two callbacks the generated code made for every item. The patch must
 * be in place, and lists must answer as graphql-js answers them, with items that are plain, that
 * are promises, that reject or that are null where null is not allowed.
 */
const dist = dirname(createRequire(import.meta.url).resolve("graphql-jit"));

describe("the graphql-jit patch", () => {
  it("knows the installed graphql-jit (both module formats): patched already, or patchable", () => {
    // Not "applied": an install with --ignore-scripts leaves it unpatched, and the server is then
    // only slower. What must not happen unseen is a new graphql-jit the patch no longer fits.
    for (const name of ["execution.mjs", "execution.js"]) {
      const text = readFileSync(join(dist, name), "utf8");
      const out = patched(text);
      expect(out).not.toBeNull();
      expect(out).toContain(MARKER);
    }
  });

  it("leaves a file it does not recognise alone, and patches only once", () => {
    expect(patched("some other version")).toBeNull();
    const once = patched(readFileSync(join(dist, "execution.js"), "utf8"))!;
    expect(patched(once)).toBe(once);
  });

  const Point = new GraphQLObjectType({
    name: "Point",
    fields: {
      year: { type: new GraphQLNonNull(GraphQLInt) },
      label: {
        type: GraphQLString,
        resolve: (p: { year: number }) => (p.year === 2021 ? Promise.resolve("async") : "sync"),
      },
    },
  });
  const failing = () => Promise.reject(new Error("item failed"));
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: "Query",
      fields: {
        plain: {
          type: new GraphQLList(Point),
          resolve: () => [{ year: 2020 }, { year: 2021 }, null, { year: 2022 }],
        },
        mixed: {
          type: new GraphQLList(Point),
          resolve: () => [{ year: 2020 }, Promise.resolve({ year: 2021 }), failing()],
        },
        strict: {
          type: new GraphQLList(new GraphQLNonNull(Point)),
          resolve: () => [{ year: 2020 }, null],
        },
        nested: {
          type: new GraphQLList(new GraphQLList(Point)),
          resolve: () => [[{ year: 2020 }], [Promise.resolve({ year: 2023 }), { year: 2024 }]],
        },
      },
    }),
  });

  it("answers lists exactly as graphql-js does", async () => {
    for (const query of [
      "{ plain { year label } }",
      "{ mixed { year label } }",
      "{ strict { year } }",
      "{ nested { year label } }",
      "{ plain { year } mixed { year } strict { year } nested { year } }",
    ]) {
      const document = parse(query);
      const compiled = compileQuery(schema, document);
      if (!isCompiledQuery(compiled)) throw new Error("not compiled");
      const jit = await compiled.query(undefined, {}, {});
      const reference = await execute({ schema, document });
      // The same data and the same errors; errors of different fields may come in another
      // order (graphql-jit's unpatched ordering too), so they are compared by path.
      const plain = (answer: typeof reference) => {
        const out = JSON.parse(JSON.stringify(answer)) as { errors?: { path: unknown }[] };
        out.errors?.sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
        return out;
      };
      expect(plain(jit)).toEqual(plain(reference));
      expect(jit.errors?.length ?? 0).toBe(reference.errors?.length ?? 0);
    }
  });
});
