/**
 * Hand-written mirror of the parts of schema/schema.graphql the web app reads. The browser never
 * imports server code; test/unit/web/schema-types.test.ts validates every query document the
 * app sends against the committed SDL, so a renamed field fails a test instead of a page.
 */
import type { Measure } from '../lib/format.js';

export type { Measure };

export type Dataset = 'OFFICIAL' | 'ILLUSTRATIVE';
export type Grade = 'A' | 'B' | 'C';
export type Direction = 'INCREASE' | 'DECREASE' | 'NONE';
export type TargetKind = 'ANNUAL_RATE' | 'LEVEL' | 'ALL' | 'MILESTONE';
export type Comparator = 'GT' | 'GTE' | 'EQ' | 'LTE' | 'LT';
export type UnitLevel = 'NATION' | 'PROVINCE';
export type ResponsibilityRole = 'LEAD' | 'COORDINATE' | 'SUPPORT';
export type CheckupKind = 'PERIODIC' | 'OD_SCREENING';
/** LocalDate scalar: 'YYYY-MM-DD'. */
export type LocalDate = string;

/** `nodes` shortcut of a connection (the API also offers edges/pageInfo). */
export interface Nodes<T> {
  totalCount: number;
  nodes: T[];
}

export interface UnitRef {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface Unit extends UnitRef {
  level: UnitLevel;
  validFrom: LocalDate | null;
  validTo: LocalDate | null;
  successor: UnitRef | null;
}

export interface SourceRef {
  code: string;
  title: string;
  url: string | null;
  documentNumber: string | null;
  publisher: string | null;
  publishedOn: LocalDate | null;
  grade: Grade;
}

export interface IndicatorRef {
  code: string;
  nameVi: string;
  nameEn: string;
  measure: Measure;
  direction: Direction;
}

export interface Indicator extends IndicatorRef {
  definitionVi: string | null;
  definitionEn: string | null;
  sdg: string | null;
}

export interface AgencyRef {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface InstrumentRef {
  code: string;
  number: string;
  titleVi: string;
  titleEn: string;
  issuedOn: LocalDate | null;
}

export interface TargetRef {
  label: string;
  number: string;
  part: string | null;
}

export interface Target extends TargetRef {
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  baseYear: number | null;
  endYear: number;
  section: string;
  textVi: string;
  textEn: string | null;
  conflict: string | null;
  assumption: string | null;
  indicator: IndicatorRef;
  leadAgency: AgencyRef | null;
  source: SourceRef | null;
}

export interface TaskArea {
  number: string;
  section: string;
  titleVi: string;
  titleEn: string;
  items: { label: string; textVi: string }[];
}

export interface Responsibility {
  number: string;
  section: string;
  role: ResponsibilityRole;
  bodyVi: string;
  agencies: AgencyRef[];
  leadsTargets: TargetRef[];
}

export interface ProgrammeRef {
  code: string;
  nameVi: string;
  nameEn: string;
  startYear: number;
  endYear: number;
  unit: UnitRef;
}

export interface Programme extends ProgrammeRef {
  instrument: InstrumentRef;
  basisInstruments: InstrumentRef[];
  implements: { code: string; nameVi: string; nameEn: string } | null;
  targets: Target[];
  taskAreas: TaskArea[];
  responsibilities: Responsibility[];
}

export type SeriesBasis = 'AS_REPORTED' | 'HARMONISED';

export interface SeriesPoint {
  year: number;
  /** null: no data (never 0). */
  value: number | null;
  count: number | null;
  denominator: number | null;
  illustrative: boolean;
  gap: string | null;
  missingFrom: string[];
  interval: { lower: number; upper: number; level: number } | null;
}

export interface Series {
  basis: SeriesBasis;
  containsIllustrative: boolean;
  datasets: Dataset[];
  unit: UnitRef;
  points: SeriesPoint[];
}

export interface ProgressComponents {
  direction: string | null;
  baseYear: number | null;
  baseYearDeclared: number | null;
  baseValue: number | null;
  latestYear: number | null;
  latestValue: number | null;
  endYear: number | null;
  observedRate: number | null;
  requiredRate: number | null;
  ratio: number | null;
  requiredRemainingRate: number | null;
  targetPathValue: number | null;
  requiredPathValueAtLatest: number | null;
  projectedEndValue: number | null;
  shareOfRequiredProgress: number | null;
  targetValue: number | null;
  comparator: string | null;
  shortfall: number | null;
  thresholds: { onTrack: number; acceleration: number; limited: number } | null;
  pointsUsed: { year: number; value: number }[];
  interval: { lower: number; upper: number; level: number } | null;
  requiredPathInsideInterval: boolean | null;
}

export interface Progress {
  status: string;
  method: string;
  reason: string | null;
  reasonText: string | null;
  sentenceVi: string;
  sentenceEn: string;
  illustrative: boolean;
  components: ProgressComponents;
}

export interface ScorecardTarget extends TargetRef {
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  baseYear: number | null;
  endYear: number;
  textVi: string;
  textEn: string | null;
  programme: { code: string; nameVi: string; nameEn: string };
  indicator: IndicatorRef;
  source: SourceRef | null;
}

export interface ScorecardCell {
  unit: UnitRef;
  progress: Progress;
  series: { year: number; value: number | null; illustrative: boolean }[];
  ownTarget:
    | (TargetRef & { kind: TargetKind; comparator: Comparator; value: number; baseYear: number | null; endYear: number; programme: { code: string; nameVi: string; nameEn: string } })
    | null;
  ownProgress: Progress | null;
  nationalLatestYear: number | null;
  nationalLatestValue: number | null;
}

export interface Scorecard {
  basis: SeriesBasis;
  containsIllustrative: boolean;
  notAssessableCount: number;
  units: UnitRef[];
  rows: { target: ScorecardTarget; cells: ScorecardCell[] }[];
}

export interface Comparison {
  containsIllustrative: boolean;
  indicator: IndicatorRef;
  target: (TargetRef & { kind: TargetKind; comparator: Comparator; value: number; baseYear: number | null; endYear: number; programme: { code: string; nameVi: string; nameEn: string } }) | null;
  series: Series[];
  trajectories: { unit: UnitRef; points: { year: number; value: number }[] }[];
}
