import type { EntityManager } from "@mikro-orm/postgresql";
import { readSeedFiles, type SeedFiles, type TargetRef } from "./seed-files.js";
import { lookup, maybe, SqlWriter } from "./upsert.js";

const targetKey = (t: TargetRef) => `${t.programme}|${t.number}|${t.part ?? ""}`;

/**
 * Loads the sourced seed files (seeds/*.json) into the database in one transaction. Rows are
 * upserted on their codes and natural keys, so a second load of the same files changes nothing.
 * Returns false when this exact seed set (by hash) was already loaded and `force` is not set.
 */
export async function loadOfficialSeeds(
  em: EntityManager,
  options: { force?: boolean; files?: SeedFiles } = {},
): Promise<boolean> {
  const files = options.files ?? readSeedFiles();
  return em.transactional(async tx => {
    const sql = new SqlWriter(tx);
    // Serialise concurrent starts against the same database.
    await sql.query("select pg_advisory_xact_lock(42017)");
    const [state] = await sql.query<{ hash: string }>(
      `select hash from seed_state where name = 'official'`,
    );
    if (state?.hash === files.hash && !options.force) return false;
    await writeAll(sql, files);
    await sql.query(
      `insert into seed_state (name, hash, loaded_at) values ('official', ?, now())
       on conflict (name) do update set hash = excluded.hash, loaded_at = excluded.loaded_at`,
      [files.hash],
    );
    return true;
  });
}

async function writeAll(sql: SqlWriter, f: SeedFiles): Promise<void> {
  const units = await sql.upsert(
    "administrative_unit",
    ["code"],
    f.units.map(u => ({
      code: u.code,
      name_vi: u.nameVi,
      name_en: u.nameEn,
      level: u.level,
      kind: u.kind,
      valid_from: u.validFrom,
      valid_to: u.validTo,
    })),
  );
  for (const u of f.units) {
    await sql.query("update administrative_unit set parent_id = ?, successor_id = ? where id = ?", [
      maybe(units, u.parent, "unit"),
      maybe(units, u.successor, "unit"),
      lookup(units, u.code, "unit"),
    ]);
  }
  const sources = await sql.upsert(
    "source",
    ["code"],
    f.sources.map(s => ({
      code: s.code,
      url: s.url,
      document_number: s.documentNumber,
      title: s.title,
      publisher: s.publisher,
      published_on: s.publishedOn,
      grade: s.grade,
      language: s.language,
      note: s.note,
    })),
  );
  const instruments = await sql.upsert(
    "legal_instrument",
    ["code"],
    f.instruments.map(i => ({
      code: i.code,
      number: i.number,
      kind: i.kind,
      issuer: i.issuer,
      unit_id: lookup(units, i.unit, "unit"),
      issued_on: i.issuedOn,
      title_vi: i.titleVi,
      title_en: i.titleEn,
      source_id: maybe(sources, i.source, "source"),
      note: i.note,
    })),
  );
  await sql.upsert(
    "unit_lineage",
    ["predecessor_id", "successor_id"],
    f.lineage.map(l => ({
      predecessor_id: lookup(units, l.predecessor, "unit"),
      successor_id: lookup(units, l.successor, "unit"),
      effective_on: l.effectiveOn,
      instrument_id: maybe(instruments, l.instrument, "instrument"),
    })),
  );
  const agencies = await sql.upsert(
    "agency",
    ["code"],
    f.agencies.map(a => ({
      code: a.code,
      name_vi: a.nameVi,
      name_en: a.nameEn,
      unit_id: lookup(units, a.unit, "unit"),
      level: a.level,
      kind: a.kind,
      valid_from: a.validFrom,
      valid_to: a.validTo,
    })),
  );
  for (const a of f.agencies) {
    await sql.query("update agency set successor_id = ? where id = ?", [
      maybe(agencies, a.successor, "agency"),
      lookup(agencies, a.code, "agency"),
    ]);
  }
  const programmes = await sql.upsert(
    "programme",
    ["code"],
    f.programmes.map(p => ({
      code: p.code,
      name_vi: p.nameVi,
      name_en: p.nameEn,
      unit_id: lookup(units, p.unit, "unit"),
      start_year: p.startYear,
      end_year: p.endYear,
      kind: p.kind,
      instrument_id: lookup(instruments, p.instrument, "instrument"),
      reporting_rule: p.reportingRule,
      report_due_month_day: p.reportDueMonthDay,
      note: p.note,
    })),
  );
  for (const p of f.programmes) {
    await sql.query("update programme set implements_id = ? where id = ?", [
      maybe(programmes, p.implements, "programme"),
      lookup(programmes, p.code, "programme"),
    ]);
  }
  await sql.replacePivot(
    "programme_basis",
    "programme_id",
    "legal_instrument_id",
    [...programmes.values()],
    instrumentPairs(
      f.programmes,
      p => lookup(programmes, p.code, "programme"),
      p => p.basisInstruments,
      instruments,
    ),
  );
  const indicators = await sql.upsert(
    "indicator",
    ["code"],
    f.indicators.map(i => ({
      code: i.code,
      name_vi: i.nameVi,
      name_en: i.nameEn,
      measure: i.measure,
      direction: i.direction,
      category: i.category,
      definition_vi: i.definitionVi,
      definition_en: i.definitionEn,
      multiplier: i.multiplier,
      sdg: i.sdg,
      note: i.note,
      note_vi: i.noteVi,
    })),
  );
  for (const i of f.indicators) {
    await sql.query("update indicator set numerator_id = ?, denominator_id = ? where id = ?", [
      maybe(indicators, i.numerator, "indicator"),
      maybe(indicators, i.denominator, "indicator"),
      lookup(indicators, i.code, "indicator"),
    ]);
  }
  const targetRows = f.targets.map(t => ({
    programme_id: lookup(programmes, t.programme, "programme"),
    number: t.number,
    part: t.part ?? "",
    kind: t.kind,
    indicator_id: lookup(indicators, t.indicator, "indicator"),
    comparator: t.comparator,
    value: t.value,
    base_year: t.baseYear,
    end_year: t.endYear,
    lead_agency_id: maybe(agencies, t.leadAgency, "agency"),
    section: t.section,
    text_vi: t.textVi,
    text_en: t.textEn,
    source_id: maybe(sources, t.source, "source"),
    conflict: t.conflict,
    conflict_vi: t.conflictVi,
    assumption: t.assumption,
    assumption_vi: t.assumptionVi,
    alternative_values: t.alternatives?.length ? t.alternatives : null,
  }));
  const targetIds = await sql.upsert("target", ["programme_id", "number", "part"], targetRows);
  const targets = new Map<string, number>();
  f.targets.forEach((t, i) =>
    targets.set(
      targetKey(t),
      lookup(targetIds, `${targetRows[i].programme_id}|${t.number}|${t.part ?? ""}`, "target"),
    ),
  );
  for (const t of f.targets) {
    const aligned = t.alignedTarget ? lookup(targets, targetKey(t.alignedTarget), "target") : null;
    await sql.query("update target set aligned_target_id = ? where id = ?", [
      aligned,
      lookup(targets, targetKey(t), "target"),
    ]);
  }
  await sql.upsert(
    "task_area",
    ["programme_id", "number"],
    f.taskAreas.map(a => ({
      programme_id: lookup(programmes, a.programme, "programme"),
      number: a.number,
      section: a.section,
      title_vi: a.titleVi,
      title_en: a.titleEn,
      items: a.items,
      themes: a.themes ?? [],
    })),
  );
  await writeResponsibilities(sql, f, programmes, agencies, targets);
  await writeObservations(sql, f, units, indicators, sources);
  await writeRecord(sql, f, { units, sources, instruments, programmes, indicators, targets });
}

/** Issue 15: document sections, cited instruments and sourced context notes. */
async function writeRecord(
  sql: SqlWriter,
  f: SeedFiles,
  ids: Record<
    "units" | "sources" | "instruments" | "programmes" | "indicators" | "targets",
    Map<string, number>
  >,
) {
  const { units, sources, instruments, programmes, indicators, targets } = ids;
  await sql.upsert(
    "programme_section",
    ["programme_id", "number"],
    f.sections.map(s => ({
      programme_id: lookup(programmes, s.programme, "programme"),
      number: s.number,
      position: s.position,
      kind: s.kind,
      title_vi: s.titleVi,
      title_en: s.titleEn,
      summary_vi: s.summaryVi,
      summary_en: s.summaryEn,
      items: s.items.map(i => ({
        label: i.label,
        textVi: i.textVi,
        textEn: i.textEn ?? null,
        verbatim: i.verbatim,
        amountBillionVnd: i.amountBillionVnd ?? null,
      })),
    })),
  );
  await sql.replacePivot(
    "programme_citation",
    "programme_id",
    "legal_instrument_id",
    [...programmes.values()],
    instrumentPairs(
      f.programmes,
      p => lookup(programmes, p.code, "programme"),
      p => p.citedInstruments,
      instruments,
    ),
  );
  await sql.replacePivot(
    "target_citation",
    "target_id",
    "legal_instrument_id",
    [...targets.values()],
    instrumentPairs(
      f.targets,
      t => lookup(targets, targetKey(t), "target"),
      t => t.citedInstruments,
      instruments,
    ),
  );
  await sql.upsert(
    "context_note",
    ["code"],
    f.contextNotes.map(n => ({
      code: n.code,
      indicator_id: maybe(indicators, n.indicator, "indicator"),
      target_id: n.target ? lookup(targets, targetKey(n.target), "target") : null,
      unit_id: maybe(units, n.unit, "unit"),
      year: n.year,
      period_text: n.periodText,
      period: n.period,
      text_vi: n.textVi,
      text_en: n.textEn,
      source_id: lookup(sources, n.source, "source"),
      quote: n.quote,
      grade: n.grade,
      note: n.note,
    })),
  );
}

async function writeResponsibilities(
  sql: SqlWriter,
  f: SeedFiles,
  programmes: Map<string, number>,
  agencies: Map<string, number>,
  targets: Map<string, number>,
) {
  const rows = f.responsibilities.map(r => ({
    programme_id: lookup(programmes, r.programme, "programme"),
    number: r.number,
    section: r.section,
    body_vi: r.bodyVi,
    role: r.role,
    tasks_vi: r.tasksVi,
  }));
  const ids = await sql.upsert("responsibility", ["programme_id", "number"], rows);
  const idOf = (i: number) =>
    lookup(ids, `${rows[i].programme_id}|${f.responsibilities[i].number}`, "responsibility");
  const owners = f.responsibilities.map((_, i) => idOf(i));
  await sql.replacePivot(
    "responsibility_agency",
    "responsibility_id",
    "agency_id",
    owners,
    f.responsibilities.flatMap((r, i) =>
      r.agencies.map(a => [idOf(i), lookup(agencies, a, "agency")] as [number, number]),
    ),
  );
  await sql.replacePivot(
    "responsibility_target",
    "responsibility_id",
    "target_id",
    owners,
    f.responsibilities.flatMap((r, i) =>
      r.leadsTargets.flatMap(n => {
        // "2" names the whole target, every part of it (2a, 2b); "2a" names one part.
        const keys = [...targets.keys()].filter(k => {
          const [programme, number, part] = k.split("|");
          return programme === r.programme && (number === n || number + part === n);
        });
        if (!keys.length) {
          throw new Error(`Seed data refers to an unknown target "${r.programme} ${n}"`);
        }
        return keys.map(k => [idOf(i), targets.get(k)!] as [number, number]);
      }),
    ),
  );
}

async function writeObservations(
  sql: SqlWriter,
  f: SeedFiles,
  units: Map<string, number>,
  indicators: Map<string, number>,
  sources: Map<string, number>,
) {
  const rows = f.observations.map(o => ({
    indicator_id: lookup(indicators, o.indicator, "indicator"),
    unit_id: lookup(units, o.unit, "unit"),
    year: o.year,
    period: o.period ?? "YEAR",
    disaggregation: o.disaggregation ?? "TOTAL",
    dataset: "OFFICIAL",
    value: o.value,
    qualifier: o.qualifier ?? "EXACT",
    status: o.status,
    grade: o.grade,
    source_id: maybe(sources, o.source, "source"),
    quote: o.quote,
    note: o.note,
    review_state: "APPROVED",
    // Disputed: another source gives a different value. A second source confirming the same value, or
    // a rejected alternative (judged wrong, kept for the record), does not make the value disputed.
    disputed: (o.alternatives ?? []).some(a => !a.rejected && a.value !== o.value),
  }));
  const key = ["indicator_id", "unit_id", "year", "period", "disaggregation", "dataset"];
  // A value a steward has written or corrected through the API is theirs: a seed reload leaves it.
  const ids = await sql.upsert(
    "observation",
    key,
    rows,
    500,
    '"observation"."created_by_id" is not null',
  );
  const alternatives = f.observations.flatMap((o, i) => {
    const id = ids.get(key.map(k => String(rows[i][k as keyof (typeof rows)[number]])).join("|"));
    return id === undefined
      ? []
      : (o.alternatives ?? []).map(a => ({
          observation_id: id,
          value: a.value,
          source_id: lookup(sources, a.source, "source"),
          quote: a.quote,
          note: a.note,
          rejected: a.rejected ?? false,
        }));
  });
  await sql.upsert("observation_alternative", ["observation_id", "source_id"], alternatives);
}

/** (owner id, instrument id) rows of a pivot table, from each seed row's list of instrument codes. */
function instrumentPairs<Row>(
  rows: Row[],
  ownerId: (row: Row) => number,
  codes: (row: Row) => string[] | undefined,
  instruments: Map<string, number>,
): [number, number][] {
  return rows.flatMap(row =>
    (codes(row) ?? []).map(
      code => [ownerId(row), lookup(instruments, code, "instrument")] as [number, number],
    ),
  );
}
