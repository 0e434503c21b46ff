import "reflect-metadata";
import type { Knex } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dataset } from "../../server/graphql/enums.js";
import { CheckupKind } from "../../server/checkups/checkup.enums.js";
import {
  CheckupRollupRefresher,
  checkupRollupFresh,
  rebuildCheckupRollup,
} from "../../server/checkups/checkup-rollup.js";
import {
  CheckupGroup,
  checkupRollupCanAnswer,
  summariseCheckups,
  type CheckupSummaryArgs,
} from "../../server/checkups/checkup-summary.service.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";

/** The check-up rollup answers exactly as the raw check-ups do, and is used only while fresh. */
let db: TestDb;
let knex: Knex;
let gql: Awaited<ReturnType<typeof createExecutor>>;
const execute = (sql: string, params: unknown[] = []) =>
  db.em().getConnection().execute<Record<string, unknown>[]>(sql, params);
const fresh = () => checkupRollupFresh(sql => execute(sql));

beforeAll(async () => {
  db = await openTestDb("checkup_rollup");
  knex = db.em().getKnex("write");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

/** Every non-empty grouping of the five dimensions. */
const groupings = (() => {
  const all = Object.values(CheckupGroup);
  const out: CheckupGroup[][] = [];
  for (let mask = 1; mask < 1 << all.length; mask++) {
    out.push(all.filter((_, i) => mask & (1 << i)));
  }
  return out;
})();

/** An official check-up row; `unit` is a unit code. */
async function insertCheckup(
  establishment: string,
  unit: string,
  sector: string,
  year: number,
  kind: CheckupKind,
  workers: number,
  cases: { disease: string; cases: number }[],
): Promise<void> {
  const total = cases.reduce((s, c) => s + c.cases, 0);
  await execute(
    `insert into health_checkup (establishment, unit_id, sector, year, kind, workers_examined, cases_total, cases, dataset)
     select ?, id, ?, ?, ?, ?, ?, ?::jsonb, 'OFFICIAL' from administrative_unit where code = ?`,
    [establishment, sector, year, kind, workers, total, JSON.stringify(cases), unit],
  );
}

const ALL = { units: null, yearFrom: null, yearTo: null, kind: null };

describe("check-up rollup", () => {
  it("starts stale, is built once, and then reports itself fresh", async () => {
    expect(await fresh()).toBe(false);
    expect(await rebuildCheckupRollup(knex)).toBe("built");
    expect(await fresh()).toBe(true);
    expect(await rebuildCheckupRollup(knex)).toBe("fresh");
    const [count] = await execute("select count(*)::int as n from checkup_rollup");
    expect(count.n).toBeGreaterThan(0);
  });

  it("keeps establishments that moved unit or sector apart, so they are counted once", async () => {
    // Examined in Hải Dương until the merger, then in the new Hải Phòng, in another sector.
    await insertCheckup("rollup-mover", "hai-duong-63", "mining", 2024, CheckupKind.PERIODIC, 300, [
      { disease: "silicosis", cases: 4 },
    ]);
    await insertCheckup(
      "rollup-mover",
      "hai-phong-34",
      "construction",
      2025,
      CheckupKind.PERIODIC,
      320,
      [
        { disease: "silicosis", cases: 5 },
        { disease: "noise-deafness", cases: 2 },
      ],
    );
    await insertCheckup(
      "rollup-mover",
      "hai-phong-34",
      "construction",
      2025,
      CheckupKind.OD_SCREENING,
      80,
      [{ disease: "silicosis", cases: 0 }],
    );
    await insertCheckup(
      "rollup-stayer",
      "hai-duong-63",
      "mining",
      2024,
      CheckupKind.PERIODIC,
      50,
      [],
    );
    await insertCheckup("rollup-stayer", "hai-duong-63", "mining", 2025, CheckupKind.PERIODIC, 55, [
      { disease: "silicosis", cases: 1 },
    ]);
    expect(await fresh()).toBe(false);
    // Two units changed: only their rows (and the movers among their establishments) are redone.
    expect(await rebuildCheckupRollup(knex)).toBe("units");
    const movers = await execute(
      "select distinct establishment from checkup_rollup_mover order by establishment",
    );
    expect(movers.map(r => r.establishment)).toContain("rollup-mover");
    expect(movers.map(r => r.establishment)).not.toContain("rollup-stayer");
    const args: CheckupSummaryArgs = {
      ...ALL,
      groupBy: [CheckupGroup.KIND],
      datasets: [Dataset.OFFICIAL],
      units: ["hai-duong-63", "hai-phong-34"],
    };
    const rolled = await summariseCheckups(execute, args, true);
    const periodic = rolled.find(r => r.kind === CheckupKind.PERIODIC)!;
    expect(periodic.establishments).toBe(2); // not 3: the mover once, though in two units
    expect(rolled).toEqual(await summariseCheckups(execute, args, false));
  });

  it("gives the same rows as the raw check-ups for every grouping and filter it accepts", async () => {
    const filters: Omit<CheckupSummaryArgs, "groupBy">[] = [
      { ...ALL, datasets: [Dataset.ILLUSTRATIVE] },
      { ...ALL, datasets: [Dataset.OFFICIAL] },
      { ...ALL, datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE] },
      {
        ...ALL,
        units: ["hai-duong-63", "hai-phong-34"],
        datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
      },
      { ...ALL, units: ["hai-duong-63"], datasets: [Dataset.ILLUSTRATIVE] },
      { ...ALL, units: [], datasets: [Dataset.ILLUSTRATIVE] },
      {
        ...ALL,
        kind: CheckupKind.OD_SCREENING,
        datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
      },
      { ...ALL, yearFrom: 2025, yearTo: 2025, datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE] },
    ];
    let compared = 0;
    let withMover = 0;
    for (const groupBy of groupings) {
      const cases = filters.map(f => ({ ...f, groupBy }));
      if (groupBy.includes(CheckupGroup.YEAR)) {
        cases.push({
          ...ALL,
          units: ["hai-duong-63", "hai-phong-34"],
          yearFrom: 2021,
          yearTo: 2025,
          kind: CheckupKind.PERIODIC,
          datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
          groupBy,
        });
        // A range over every unit: the rows summed over units and sectors answer it.
        cases.push({
          ...ALL,
          yearFrom: 2021,
          yearTo: 2025,
          datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
          groupBy,
        });
      }
      for (const args of cases) {
        expect(checkupRollupCanAnswer(args)).toBe(true);
        const raw = await summariseCheckups(execute, args, false);
        const rolled = await summariseCheckups(execute, args, true);
        expect(rolled, JSON.stringify(args)).toEqual(raw);
        // The one-statement form the resolver sends (freshness checked in the statement).
        expect(await summariseCheckups(execute, args, "if-fresh")).toEqual(raw);
        compared += raw.length;
        if (args.datasets.includes(Dataset.OFFICIAL) && raw.length) withMover++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(withMover).toBeGreaterThan(50);
    // A range of several years, not grouped by year: distinct establishments need the raw rows.
    expect(
      checkupRollupCanAnswer({
        ...ALL,
        yearFrom: 2021,
        yearTo: 2023,
        groupBy: [CheckupGroup.UNIT],
        datasets: [Dataset.OFFICIAL],
      }),
    ).toBe(false);
  });

  it("answers a summary without units from the rows summed over units and sectors", async () => {
    const args = (groupBy: CheckupGroup[]): CheckupSummaryArgs => ({
      ...ALL,
      groupBy,
      datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
    });
    const byDiseaseYear = args([CheckupGroup.DISEASE, CheckupGroup.YEAR]);
    const bySectorKind = args([CheckupGroup.SECTOR, CheckupGroup.KIND]);
    const expected = {
      diseaseYear: await summariseCheckups(execute, byDiseaseYear, false),
      sectorKind: await summariseCheckups(execute, bySectorKind, false),
    };
    expect(expected.diseaseYear.length).toBeGreaterThan(10);
    expect(await rebuildCheckupRollup(knex)).not.toBe("conflict");
    // Without the finer rows (deleted in a transaction that is rolled back), the summaries
    // still answer exactly: they read only the rows summed over units (and sectors).
    const withOnly = async (
      keep: { rollup: string; disease: string },
      work: (
        run: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
      ) => Promise<void>,
    ) =>
      knex
        .transaction(async trx => {
          await trx.raw(`delete from checkup_rollup where not (${keep.rollup})`);
          await trx.raw(`delete from checkup_disease_rollup where not (${keep.disease})`);
          await work(async (sql, params) =>
            db.em().getConnection().execute<Record<string, unknown>[]>(sql, params, "all", trx),
          );
          throw new Error("roll back");
        })
        .catch((error: Error) => expect(error.message).toBe("roll back"));
    await withOnly({ rollup: "g >= 12", disease: "g = 3" }, async run => {
      expect(await summariseCheckups(run, byDiseaseYear, true)).toEqual(expected.diseaseYear);
    });
    await withOnly({ rollup: "g between 8 and 11", disease: "g = 2" }, async run => {
      expect(await summariseCheckups(run, bySectorKind, true)).toEqual(expected.sectorKind);
    });
  });

  it("is bypassed after a write until rebuilt, then read again", async () => {
    const query = `{ checkupSummary(groupBy: [UNIT, YEAR, DISEASE], units: ["hai-phong-34"], yearFrom: 2026, yearTo: 2026, datasets: [OFFICIAL]) { unit year disease establishments workersExamined cases } }`;
    const answer = async () => (await gql.run<any>(query)).data!.checkupSummary;
    expect(await fresh()).toBe(true);
    expect(await answer()).toEqual([]); // nothing known: no rows, not zeros
    await insertCheckup("rollup-new", "hai-phong-34", "textiles", 2026, CheckupKind.PERIODIC, 120, [
      { disease: "noise-deafness", cases: 3 },
    ]);
    expect(await fresh()).toBe(false);
    const expected = [
      {
        unit: "hai-phong-34",
        year: 2026,
        disease: "noise-deafness",
        establishments: 1,
        workersExamined: 120,
        cases: 3,
      },
    ];
    expect(await answer()).toEqual(expected); // right at once, from the raw check-ups

    // While stale, even a wrong rollup row cannot leak into the answer.
    const tamper = `update checkup_disease_rollup set cases = cases + 1000
      where disease = 'noise-deafness' and year = 2026 and unit_id = (select id from administrative_unit where code = 'hai-phong-34')`;
    const refresher = new CheckupRollupRefresher(knex, 10);
    refresher.schedule();
    for (let i = 0; i < 200 && !(await fresh()); i++) await new Promise(r => setTimeout(r, 25));
    await refresher.stop();
    expect(await fresh()).toBe(true);
    expect(await answer()).toEqual(expected);

    // Fresh again: the summary reads the rollup (a change made to it alone shows through).
    await execute(tamper);
    expect(await fresh()).toBe(true); // the rollup's own tables bump nothing
    expect((await answer())[0].cases).toBe(1003);
    // Any check-up write makes it stale: the raw rows answer again, exactly.
    await execute(
      `update health_checkup set workers_examined = 121 where establishment = 'rollup-new'`,
    );
    expect(await fresh()).toBe(false);
    expect(await answer()).toEqual([{ ...expected[0], workersExamined: 121 }]);
    expect(await rebuildCheckupRollup(knex)).toBe("units");
    expect(await answer()).toEqual([{ ...expected[0], workersExamined: 121 }]);
  });
});
