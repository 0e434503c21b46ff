import { snapshot } from "../audit/audit.js";
import { Dataset } from "../graphql/enums.js";
import { MonitoringResult } from "../monitoring/monitoring-result.entity.js";
import { MonitoringSite } from "../monitoring/monitoring-site.entity.js";
import { resultSchema, siteSchema } from "../monitoring/monitoring.inputs.js";
import type { AdministrativeUnit } from "../units/unit.entity.js";
import { countCell, requiredCell, eventLoopPause } from "./csv.js";
import {
  chunks,
  keyOf,
  LOAD_CHUNK,
  validateRow,
  type Change,
  type Layout,
} from "./import.types.js";
import { controlCellProblems, UnitCells, yearCell } from "./units.js";

interface SiteInFile {
  code: string;
  name: string;
  unit: AdministrativeUnit;
  sector: string;
  factors: Set<string>;
  line: number;
}
interface ResultInFile {
  site: string;
  year: number;
  factor: string;
  samples: number;
  over: number;
}

/** The columns of the input fields whose names differ. */
const SITE_COLUMNS = { code: "site_code", name: "site_name", factors: "factor" };
const RESULT_COLUMNS = { site: "site_code", samplesOverLimit: "samples_over_limit" };

/**
 * site_code, site_name, unit, sector, year, factor, samples, samples_over_limit. Sites are
 * upserted on their code, results on (site, year, factor); these writes take effect at once.
 */
export const monitoringLayout: Layout = {
  columns: [
    "site_code",
    "site_name",
    "unit",
    "sector",
    "year",
    "factor",
    "samples",
    "samples_over_limit",
  ],
  async plan({ tx, user, rows, problems }) {
    // Up to 50,000 rows: yield now and then so other requests are answered meanwhile.
    const pause = eventLoopPause();
    const units = await UnitCells.load(tx, user);
    await controlCellProblems(rows, problems, pause);
    const sites = new Map<string, SiteInFile>();
    const results = new Map<string, ResultInFile & { line: number }>();
    for (const row of rows) {
      await pause();
      const code = requiredCell(row, "site_code", problems);
      const name = requiredCell(row, "site_name", problems);
      const sector = requiredCell(row, "sector", problems);
      const factor = requiredCell(row, "factor", problems);
      const year = yearCell(row, problems);
      const unit = units.resolve(row, year, problems);
      const samples = countCell(row, "samples", problems);
      const over = countCell(row, "samples_over_limit", problems);
      if (
        code === null ||
        name === null ||
        sector === null ||
        factor === null ||
        year === null ||
        !unit
      ) {
        continue;
      }
      if (samples === null || over === null) {
        if (row.cells.samples === "" || row.cells.samples_over_limit === "") {
          problems.push({
            line: row.line,
            column: "samples",
            message: "samples and samples_over_limit are both required",
            code: "BAD_USER_INPUT",
          });
        }
        continue;
      }
      // The line as the inputs of createMonitoringSite and createMonitoringResult, checked by
      // the mutations' own schemas.
      const siteInput = { code, name, unit: unit.code, sector, factors: [factor] };
      const resultInput = { site: code, year, factor, samples, samplesOverLimit: over };
      if (
        !validateRow(problems, row, siteSchema, siteInput, SITE_COLUMNS) ||
        !validateRow(problems, row, resultSchema, resultInput, RESULT_COLUMNS)
      ) {
        continue;
      }
      const site = sites.get(code);
      if (site && (site.name !== name || site.unit !== unit || site.sector !== sector)) {
        problems.push({
          line: row.line,
          column: "site_code",
          message: `Site ${code} has another name, unit or sector on line ${site.line}`,
          code: "BAD_USER_INPUT",
        });
        continue;
      }
      if (site) site.factors.add(factor);
      else {
        sites.set(code, { code, name, unit, sector, factors: new Set([factor]), line: row.line });
      }
      const key = keyOf(code, year, factor);
      const dup = results.get(key);
      if (dup) {
        problems.push({
          line: row.line,
          column: "factor",
          message: `${factor} at ${code} in ${year} is also on line ${dup.line}`,
          code: "BAD_USER_INPUT",
        });
        continue;
      }
      results.set(key, { site: code, year, factor, samples, over, line: row.line });
    }
    if (problems.length) return { changes: [], unchanged: 0 };

    const existingSites = new Map<string, MonitoringSite>();
    for (const part of chunks([...sites.keys()], LOAD_CHUNK)) {
      for (const s of await tx.find(MonitoringSite, { code: { $in: part } })) {
        existingSites.set(s.code, s);
      }
      await pause();
    }
    for (const s of sites.values()) {
      await pause();
      const old = existingSites.get(s.code);
      if (old && old.dataset !== Dataset.OFFICIAL) {
        problems.push({
          line: s.line,
          column: "site_code",
          message: `${s.code} is an illustrative site: it cannot be written`,
          code: "BAD_USER_INPUT",
        });
      } else if (old && old.unit.id !== s.unit.id && !units.mayWrite(old.unit.id)) {
        problems.push({
          line: s.line,
          column: "unit",
          message: `Site ${s.code} belongs to a unit you may not write`,
          code: "FORBIDDEN",
        });
      }
    }
    if (problems.length) return { changes: [], unchanged: 0 };
    const existingResults = new Map<string, MonitoringResult>();
    const siteIds = [...existingSites.values()].map(s => s.id);
    for (const part of chunks(siteIds, LOAD_CHUNK)) {
      for (const r of await tx.find(MonitoringResult, { site: { $in: part } })) {
        existingResults.set(keyOf(r.site.id, r.year, r.factor), r);
      }
      await pause();
    }

    const changes: Change[] = [];
    let unchanged = 0;
    const entityOf = new Map<string, MonitoringSite>(existingSites);
    for (const s of sites.values()) {
      await pause();
      const old = existingSites.get(s.code);
      if (!old) {
        changes.push({
          table: "monitoring_site",
          action: "CREATE",
          before: null,
          apply: em => {
            const site = em.create(MonitoringSite, {
              code: s.code,
              name: s.name,
              unit: s.unit,
              sector: s.sector,
              factors: [...s.factors].sort(),
              dataset: Dataset.OFFICIAL,
            });
            entityOf.set(s.code, site);
            return site;
          },
        });
        continue;
      }
      const factors = [...new Set([...old.factors, ...s.factors])].sort();
      if (
        old.name === s.name &&
        old.unit.id === s.unit.id &&
        old.sector === s.sector &&
        factors.length === old.factors.length
      ) {
        unchanged++;
        continue;
      }
      changes.push({
        table: "monitoring_site",
        action: "UPDATE",
        before: snapshot(old),
        apply: () => Object.assign(old, { name: s.name, unit: s.unit, sector: s.sector, factors }),
      });
    }
    for (const r of results.values()) {
      await pause();
      const site = existingSites.get(r.site);
      const old = site ? existingResults.get(keyOf(site.id, r.year, r.factor)) : undefined;
      if (old && old.samples === r.samples && old.samplesOverLimit === r.over) {
        unchanged++;
      } else if (old) {
        changes.push({
          table: "monitoring_result",
          action: "UPDATE",
          before: snapshot(old),
          apply: () => Object.assign(old, { samples: r.samples, samplesOverLimit: r.over }),
        });
      } else {
        changes.push({
          table: "monitoring_result",
          action: "CREATE",
          before: null,
          apply: em =>
            em.create(MonitoringResult, {
              site: entityOf.get(r.site)!,
              year: r.year,
              factor: r.factor,
              samples: r.samples,
              samplesOverLimit: r.over,
              dataset: Dataset.OFFICIAL,
            }),
        });
      }
    }
    return { changes, unchanged };
  },
};
