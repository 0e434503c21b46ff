import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../helpers/db.js";

/** The database itself refuses what must never happen, whatever code path writes. */
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb("constraints");
});
afterAll(() => db.close());

const exec = (sql: string, params: unknown[] = []) => db.em().getConnection().execute(sql, params);
const anOfficial = `(select id from observation where dataset = 'OFFICIAL' and period = 'YEAR' order by id limit 1)`;

describe("database constraints", () => {
  it.each([
    [
      "a duplicate observation for the same indicator/unit/year/period/breakdown/dataset",
      `insert into observation (indicator_id, unit_id, year, period, disaggregation, dataset, value, qualifier, status, source_id)
       select indicator_id, unit_id, year, period, disaggregation, dataset, value + 1, qualifier, status, source_id from observation where id = ${anOfficial}`,
      "observation_key",
    ],
    [
      "a negative value",
      `update observation set value = -1 where id = ${anOfficial}`,
      "observation_value_not_negative",
    ],
    [
      "an official value without a source",
      `update observation set source_id = null, status = 'OFFICIAL' where id = ${anOfficial}`,
      "observation_official_has_source",
    ],
    [
      "an illustrative row not marked illustrative",
      `update observation set dataset = 'ILLUSTRATIVE' where id = ${anOfficial}`,
      "observation_illustrative_status",
    ],
    [
      "a year out of range",
      `update observation set year = 1800 where id = ${anOfficial}`,
      "observation_year_range",
    ],
    [
      "more samples over the limit than samples",
      `update monitoring_result set samples_over_limit = samples + 1 where id = (select min(id) from monitoring_result)`,
      "monitoring_samples_valid",
    ],
    [
      "negative samples",
      `update monitoring_result set samples = -5, samples_over_limit = 0 where id = (select min(id) from monitoring_result)`,
      "monitoring_samples_valid",
    ],
    [
      "more cases than workers examined",
      `update health_checkup set cases_total = workers_examined + 1 where id = (select min(id) from health_checkup)`,
      "checkup_examined_valid",
    ],
    [
      "a programme ending before it starts",
      `update programme set end_year = start_year - 1 where id = (select min(id) from programme)`,
      "programme_period_order",
    ],
    [
      "a unit valid to before valid from",
      `update administrative_unit set valid_from = '2026-01-01' where code = 'hai-duong-63'`,
      "unit_validity_order",
    ],
    [
      "a duplicate unit code",
      `insert into administrative_unit (code, name_vi, name_en, level, kind) values ('vn', 'x', 'x', 'NATION', 'NATION')`,
      "administrative_unit_code_unique",
    ],
    [
      "an unknown grade",
      `update source set grade = 'D' where id = (select min(id) from source)`,
      "grade",
    ],
  ])("refuses %s", async (_what, sql, constraint) => {
    await expect(exec(sql)).rejects.toThrow(constraint);
  });

  it("changes nothing when a constraint fails inside a transaction", async () => {
    const before = await exec("select count(*)::int as n, sum(value) as s from observation");
    await expect(
      db.em().transactional(async tx => {
        await tx
          .getConnection()
          .execute(
            `update observation set value = value + 1 where dataset = 'OFFICIAL'`,
            [],
            "run",
            tx.getTransactionContext(),
          );
        await tx
          .getConnection()
          .execute(
            `update observation set value = -1 where id = ${anOfficial}`,
            [],
            "run",
            tx.getTransactionContext(),
          );
      }),
    ).rejects.toThrow();
    expect(await exec("select count(*)::int as n, sum(value) as s from observation")).toEqual(
      before,
    );
  });
});
