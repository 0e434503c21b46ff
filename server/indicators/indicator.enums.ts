import { registerEnumType } from "type-graphql";

/** The enums of indicators and their targets, registered with the schema where they are defined. */
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
/** The theme an indicator belongs to, for grouping it in lists. */
export enum IndicatorCategory {
  ACCIDENTS = "ACCIDENTS",
  DISEASE_CHECKUPS = "DISEASE_CHECKUPS",
  MONITORING = "MONITORING",
  TRAINING = "TRAINING",
  CONTEXT = "CONTEXT",
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

registerEnumType(Measure, { name: "Measure", description: "Unit of measure of an indicator" });
registerEnumType(Direction, {
  name: "Direction",
  description: "Desired direction of an indicator",
});
registerEnumType(TargetKind, {
  name: "TargetKind",
  description:
    "ANNUAL_RATE (e.g. -4 %/year), LEVEL (> 80 %), ALL (100 %), MILESTONE (a level by a date)",
});
registerEnumType(Comparator, {
  name: "Comparator",
  description: "How a value is compared with the target value",
});
registerEnumType(IndicatorCategory, {
  name: "IndicatorCategory",
  description:
    "Theme of an indicator: accidents; disease and check-ups; monitoring, management and inspection; training and information; context (labour, population, area)",
});
