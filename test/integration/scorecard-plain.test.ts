import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dataset } from "../../server/graphql/enums.js";
import { Target } from "../../server/indicators/target.entity.js";
import { judge } from "../../server/analytics-api/progress.service.js";
import { SeriesBasis } from "../../server/analytics-api/progress.types.js";
import { buildScorecard } from "../../server/analytics-api/scorecard.service.js";
import { buildSeries } from "../../server/analytics-api/series.service.js";
import { UnitLevel } from "../../server/units/unit.enums.js";
import { AdministrativeUnit } from "../../server/units/unit.entity.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

/**
 * The scorecard reads its targets as plain rows in one statement (analytics.reads.ts) instead of
 * Target entities. This holds it to the entity path it replaced, written out here as it was:
 * every cell's progress (status, components and the words), series, own target and national
 * benchmark, on the seeded official data and the illustrative data, both bases.
 */
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb("scorecard_plain");
});
afterAll(async () => {
  await db.close();
});

async function entityScorecard(
  units: AdministrativeUnit[],
  datasets: Dataset[],
  basis: SeriesBasis,
) {
  const em = db.em();
  const targets = await em.find(
    Target,
    { programme: { code: { $in: ["nq19-2021-2025"] } } },
    {
      populate: [
        "programme",
        "programme.instrument",
        "indicator",
        "indicator.numerator",
        "indicator.denominator",
      ],
      orderBy: [{ programme: { code: "asc" } }, { number: "asc" }, { part: "asc" }],
    },
  );
  const restating = await em.find(
    Target,
    {
      alignedTarget: { $in: targets.map(t => t.id) },
      programme: { unit: { $in: units.map(u => u.id) } },
    },
    { populate: ["programme", "programme.instrument", "indicator"], orderBy: { id: "asc" } },
  );
  const national = await em.findOne(AdministrativeUnit, { level: UnitLevel.NATION });
  const indicators = [
    ...new Map(targets.map(t => [t.indicator.id, t.indicator.getEntity()])).values(),
  ];
  const seriesUnits = national && !units.includes(national) ? [...units, national] : units;
  const series = await buildSeries(em, { indicators, units: seriesUnits, datasets, basis });
  return targets.map(target => {
    const indicator = target.indicator.getEntity();
    const nationalPoints = national ? series.get(`${indicator.code}|${national.code}`) : undefined;
    const latest = [...(nationalPoints?.points ?? [])].reverse().find(p => p.value !== null);
    return {
      target: target.id,
      cells: units.map(unit => {
        const points = series.get(`${indicator.code}|${unit.code}`)?.points ?? [];
        const own = restating.find(
          t => t.alignedTarget?.id === target.id && t.programme.getEntity().unit.id === unit.id,
        );
        const instrument = (t: Target) => t.programme.getEntity().instrument.getEntity().number;
        return {
          unit: unit.code,
          series: points,
          progress: judge(target, indicator, points, instrument(target)),
          ownTarget: own?.id ?? null,
          ownProgress: own ? judge(own, own.indicator.getEntity(), points, instrument(own)) : null,
          nationalLatestYear: latest?.year ?? null,
          nationalLatestValue: latest?.value ?? null,
        };
      }),
    };
  });
}

// JSON makes the lazily written words (getters) plain values, as the GraphQL answer does.
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("scorecard from plain rows gives what the entity path gave", () => {
  it.each([
    [[Dataset.OFFICIAL], SeriesBasis.AS_REPORTED],
    [[Dataset.OFFICIAL, Dataset.ILLUSTRATIVE], SeriesBasis.AS_REPORTED],
    [[Dataset.OFFICIAL, Dataset.ILLUSTRATIVE], SeriesBasis.HARMONISED],
    [[Dataset.ILLUSTRATIVE], SeriesBasis.HARMONISED],
  ])("datasets %j, basis %s", async (datasets, basis) => {
    const em = db.em();
    const units = await em.find(
      AdministrativeUnit,
      { code: { $in: ["vn", "hai-phong-63", "hai-duong-63", "hai-phong-34", "ha-noi"] } },
      { orderBy: { code: "asc" } },
    );
    expect(units.length).toBe(5);
    const expected = await entityScorecard(units, datasets, basis);
    const card = await buildScorecard(
      em,
      ["nq19-2021-2025"],
      units.map(u => u.code),
      datasets,
      basis,
    );
    const actual = card.rows.map(r => ({
      target: r.targetId,
      cells: r.cells.map(c => ({
        unit: c.unit.code,
        series: c.series,
        progress: c.progress,
        ownTarget: c.ownTargetId,
        ownProgress: c.ownProgress,
        nationalLatestYear: c.nationalLatestYear,
        nationalLatestValue: c.nationalLatestValue,
      })),
    }));
    expect(plain(actual)).toEqual(plain(expected));
    // Not a vacuous comparison: statuses vary, some cells have an own target, words are written.
    const cells = actual.flatMap(r => r.cells);
    expect(cells).toHaveLength(50);
    expect(new Set(cells.map(c => c.progress.status)).size).toBeGreaterThan(1);
    expect(cells.some(c => c.ownTarget !== null)).toBe(true);
    expect(cells.every(c => c.progress.sentenceVi.length > 0)).toBe(true);
    // The entities are read only when asked for, and are the ones the rows name.
    const entities = await card.rows[0].targetEntities();
    expect(entities.get(card.rows[0].targetId)?.programme.getEntity().code).toBe("nq19-2021-2025");
  });
});
