import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { seedsDir } from "../../paths.js";

/** Row shapes of the files under seeds/ (documented in seeds/FORMAT.md). */
export interface UnitRow {
  code: string;
  nameVi: string;
  nameEn: string;
  level: string;
  kind: string;
  parent: string | null;
  validFrom: string | null;
  validTo: string | null;
  successor: string | null;
}
export interface LineageRow {
  predecessor: string;
  successor: string;
  effectiveOn: string;
  instrument: string | null;
}
export interface SourceRow {
  code: string;
  url: string | null;
  documentNumber: string | null;
  title: string;
  publisher: string | null;
  publishedOn: string | null;
  grade: string;
  language: string | null;
  note: string | null;
}
export interface InstrumentRow {
  code: string;
  number: string;
  kind: string;
  issuer: string;
  unit: string;
  issuedOn: string | null;
  titleVi: string;
  titleEn: string;
  source: string | null;
  note: string | null;
}
export interface AgencyRow {
  code: string;
  nameVi: string;
  nameEn: string;
  unit: string;
  level: string;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
  successor: string | null;
}
export interface ProgrammeRow {
  code: string;
  nameVi: string;
  nameEn: string;
  unit: string;
  startYear: number;
  endYear: number;
  instrument: string;
  basisInstruments?: string[];
  citedInstruments?: string[];
  implements: string | null;
  kind: string;
  reportingRule: string | null;
  reportDueMonthDay: string | null;
  note: string | null;
}
export interface IndicatorRow {
  code: string;
  nameVi: string;
  nameEn: string;
  measure: string;
  direction: string;
  category: string;
  definitionVi: string | null;
  definitionEn: string | null;
  numerator: string | null;
  denominator: string | null;
  multiplier: number | null;
  sdg: string | null;
  note: string | null;
  noteVi: string | null;
}
export interface TargetRef {
  programme: string;
  number: string;
  part: string | null;
}
export interface TargetRow extends TargetRef {
  kind: string;
  indicator: string;
  comparator: string;
  value: number;
  baseYear: number | null;
  endYear: number;
  leadAgency: string | null;
  alignedTarget: TargetRef | null;
  section: string;
  textVi: string;
  textEn: string | null;
  source: string | null;
  conflict: string | null;
  conflictVi: string | null;
  assumption: string | null;
  assumptionVi: string | null;
  citedInstruments?: string[];
  /** Other sourced values of this target (see FORMAT.md); read by the programme alignment. */
  alternatives?: { value: number; source: string; note: string }[];
}
export interface TaskAreaRow {
  programme: string;
  number: string;
  section: string;
  titleVi: string;
  titleEn: string;
  items: { label: string; textVi: string }[];
  themes?: string[];
}
export interface ResponsibilityRow {
  programme: string;
  number: string;
  section: string;
  bodyVi: string;
  agencies: string[];
  role: string;
  leadsTargets: string[];
  tasksVi: string[];
}
export interface AlternativeRow {
  value: number;
  source: string;
  quote: string | null;
  note: string | null;
  rejected?: boolean;
}
export interface ObservationRow {
  indicator: string;
  unit: string;
  year: number;
  period: string;
  disaggregation: string;
  value: number;
  qualifier: string;
  status: string;
  grade: string | null;
  source: string | null;
  quote: string | null;
  note: string | null;
  alternatives?: AlternativeRow[];
}

export interface SectionRow {
  programme: string;
  number: string;
  position: number;
  kind: string;
  titleVi: string;
  titleEn: string;
  summaryVi: string | null;
  summaryEn: string | null;
  items: {
    label: string;
    textVi: string;
    textEn?: string | null;
    verbatim: boolean;
    amountBillionVnd?: number | null;
  }[];
}
export interface ContextNoteRow {
  code: string;
  indicator: string | null;
  target: TargetRef | null;
  unit: string | null;
  year: number | null;
  periodText: string | null;
  period: string | null;
  textVi: string;
  textEn: string;
  source: string;
  quote: string;
  grade: string;
  note: string | null;
  research?: string[];
}

export interface SeedFiles {
  units: UnitRow[];
  lineage: LineageRow[];
  sources: SourceRow[];
  instruments: InstrumentRow[];
  agencies: AgencyRow[];
  programmes: ProgrammeRow[];
  indicators: IndicatorRow[];
  targets: TargetRow[];
  taskAreas: TaskAreaRow[];
  responsibilities: ResponsibilityRow[];
  observations: ObservationRow[];
  sections: SectionRow[];
  contextNotes: ContextNoteRow[];
  /** Hash of all files, so an unchanged seed set is not loaded again on every start. */
  hash: string;
}

const FILES: Record<Exclude<keyof SeedFiles, "hash">, string> = {
  units: "units.json",
  lineage: "unit-lineage.json",
  sources: "sources.json",
  instruments: "instruments.json",
  agencies: "agencies.json",
  programmes: "programmes.json",
  indicators: "indicators.json",
  targets: "targets.json",
  taskAreas: "task-areas.json",
  responsibilities: "responsibilities.json",
  observations: "observations.json",
  sections: "sections.json",
  contextNotes: "context-notes.json",
};

export function readSeedFiles(dir = seedsDir()): SeedFiles {
  const hash = createHash("sha256");
  const out: Record<string, unknown> = {};
  for (const [key, file] of Object.entries(FILES)) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`Seed file missing: ${path}`);
    const text = readFileSync(path, "utf8");
    hash.update(file).update(text);
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new Error(`Seed file ${file} must hold a JSON array`);
    out[key] = parsed;
  }
  return { ...(out as Omit<SeedFiles, "hash">), hash: hash.digest("hex") };
}
