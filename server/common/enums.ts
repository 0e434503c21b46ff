import { registerEnumType } from "type-graphql";

export enum UnitLevel {
  NATION = "NATION",
  PROVINCE = "PROVINCE",
}
export enum UnitKind {
  NATION = "NATION",
  PROVINCE = "PROVINCE",
  CITY = "CITY",
}
export enum Grade {
  A = "A",
  B = "B",
  C = "C",
}
export enum Dataset {
  OFFICIAL = "OFFICIAL",
  ILLUSTRATIVE = "ILLUSTRATIVE",
}
export enum ObservationStatus {
  OFFICIAL = "OFFICIAL",
  PROVISIONAL = "PROVISIONAL",
  DERIVED = "DERIVED",
  ILLUSTRATIVE = "ILLUSTRATIVE",
}
export enum ReviewState {
  DRAFT = "DRAFT",
  APPROVED = "APPROVED",
  /** A draft a reviewer sent back, with a reason; out of every view until corrected. */
  REJECTED = "REJECTED",
}
export enum Period {
  YEAR = "YEAR",
  H1 = "H1",
}
export enum Disaggregation {
  TOTAL = "TOTAL",
  WITH_LABOUR_RELATIONS = "WITH_LABOUR_RELATIONS",
  WITHOUT_LABOUR_RELATIONS = "WITHOUT_LABOUR_RELATIONS",
}
export enum Qualifier {
  EXACT = "EXACT",
  APPROXIMATE = "APPROXIMATE",
  LOWER_BOUND = "LOWER_BOUND",
}
export enum Measure {
  COUNT = "COUNT",
  PERSONS = "PERSONS",
  PERCENT = "PERCENT",
  RATE_PER_100K = "RATE_PER_100K",
  BILLION_VND = "BILLION_VND",
  THOUSAND_PERSONS = "THOUSAND_PERSONS",
  BINARY = "BINARY",
  SQUARE_KM = "SQUARE_KM",
}
export enum Direction {
  INCREASE = "INCREASE",
  DECREASE = "DECREASE",
  NONE = "NONE",
}
export enum TargetKind {
  ANNUAL_RATE = "ANNUAL_RATE",
  LEVEL = "LEVEL",
  ALL = "ALL",
  MILESTONE = "MILESTONE",
}
export enum Comparator {
  GT = "GT",
  GTE = "GTE",
  EQ = "EQ",
  LTE = "LTE",
  LT = "LT",
}
export enum InstrumentKind {
  RESOLUTION = "RESOLUTION",
  DIRECTIVE = "DIRECTIVE",
  PROGRAMME = "PROGRAMME",
  PLAN = "PLAN",
  DECREE = "DECREE",
  DECISION = "DECISION",
  NOTICE = "NOTICE",
  OFFICIAL_LETTER = "OFFICIAL_LETTER",
  CIRCULAR = "CIRCULAR",
}
export enum ProgrammeKind {
  PROGRAMME = "PROGRAMME",
  PLAN = "PLAN",
  HEALTH_PLAN = "HEALTH_PLAN",
  DIRECTIVE = "DIRECTIVE",
}
export enum AgencyLevel {
  NATIONAL = "NATIONAL",
  PROVINCIAL = "PROVINCIAL",
  OTHER = "OTHER",
}
export enum ResponsibilityRole {
  LEAD = "LEAD",
  COORDINATE = "COORDINATE",
  SUPPORT = "SUPPORT",
}
export enum CheckupKind {
  PERIODIC = "PERIODIC",
  OD_SCREENING = "OD_SCREENING",
}

const enums: [object, string, string][] = [
  [UnitLevel, "UnitLevel", "Level of an administrative unit"],
  [UnitKind, "UnitKind", "Nation, province, or centrally-run city"],
  [
    Grade,
    "Grade",
    "Reliability: A official text; B mainstream news citing an authority; C aggregator, translated or rewritten page",
  ],
  [Dataset, "Dataset", "OFFICIAL: sourced values. ILLUSTRATIVE: generated demo data, never real"],
  [ObservationStatus, "ObservationStatus", "How final a value is"],
  [ReviewState, "ReviewState", "Only APPROVED values reach the official views"],
  [Period, "Period", "Reference period within the year"],
  [
    Disaggregation,
    "Disaggregation",
    "Breakdown: total, workers with labour relations (QHLĐ), without (KQHLĐ)",
  ],
  [Qualifier, "Qualifier", 'EXACT, APPROXIMATE ("about"), LOWER_BOUND ("more than")'],
  [Measure, "Measure", "Unit of measure of an indicator"],
  [Direction, "Direction", "Desired direction of an indicator"],
  [
    TargetKind,
    "TargetKind",
    "ANNUAL_RATE (e.g. -4 %/year), LEVEL (> 80 %), ALL (100 %), MILESTONE (a level by a date)",
  ],
  [Comparator, "Comparator", "How a value is compared with the target value"],
  [InstrumentKind, "InstrumentKind", "Kind of legal instrument"],
  [ProgrammeKind, "ProgrammeKind", "Kind of programme or plan"],
  [AgencyLevel, "AgencyLevel", "Level of an agency"],
  [ResponsibilityRole, "ResponsibilityRole", "Role of a body in a programme"],
  [CheckupKind, "CheckupKind", "Periodic health check-up or occupational-disease screening"],
];
for (const [e, name, description] of enums) registerEnumType(e, { name, description });
