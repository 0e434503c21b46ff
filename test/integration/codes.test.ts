import {
  getNamedType,
  isInputObjectType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAppSchema } from "../../server/schema.js";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("codes");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const LONGEST = "a".repeat(64); // the size of every code column
const TOO_LONG = "a".repeat(65);

describe("the Code scalar", () => {
  it("accepts a well-formed code of 64 characters (unknown: null, not an error)", async () => {
    const result = await gql.run(`{ unit(code: "${LONGEST}") { code } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ unit: null });
  });

  it.each([
    ["an argument", `{ unit(code: "${TOO_LONG}") { code } }`, "code"],
    ["a list argument", `{ healthCheckups(units: ["${TOO_LONG}"]) { totalCount } }`, "units"],
    [
      "a field of an input",
      `{ observations(filter: { units: ["hai-phong-34", "Hải Phòng"] }) { totalCount } }`,
      "units",
    ],
    [
      "an analytics argument",
      `{ series(indicators: ["oa-deaths"], units: ["${TOO_LONG}"]) { unit { code } } }`,
      "units",
    ],
  ])(
    "refuses a malformed code in %s, naming the field, in Vietnamese and English",
    async (_what, query, field) => {
      const result = await gql.run(query);
      expect(result.errors).toHaveLength(1);
      const error = result.errors![0];
      expect(error.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error.extensions?.field).toBe(field);
      expect(error.message).toContain("không phải là mã hợp lệ");
      expect(error.message).toContain("is not a valid code");
      expect(error.message).toContain("at most 64");
    },
  );

  it("refuses a malformed code inside a write's input by the input field's name", async () => {
    const result = await gql.run(
      `mutation { createMonitoringSite(input: { code: "${TOO_LONG}", unit: "hai-phong-34", name: "X", sector: "mining" }) { code } }`,
    );
    expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors![0].extensions?.field).toBe("code");
  });

  it("takes codes from variables declared as Code", async () => {
    const result = await gql.run("query($c: Code!) { unit(code: $c) { code } }", {
      c: "hai-phong-34",
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ unit: { code: "hai-phong-34" } });
  });

  it("is the type of every argument and input field that takes a code", async () => {
    const schema = await buildAppSchema();
    const CODE_NAMES =
      /^(code|codes|unit|units|indicator|indicators|source|sources|programme|programmes|site|agencies|instrument|instruments|targetProgramme)$/;
    const asString: string[] = [];
    const look = (owner: string, item: GraphQLArgument | GraphQLInputField) => {
      if (CODE_NAMES.test(item.name) && getNamedType(item.type).name === "String") {
        asString.push(`${owner}.${item.name}`);
      }
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) look(`${type.name}.${field.name}`, arg);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) look(type.name, field);
      }
    }
    expect(asString).toEqual([]);
  });
});
