import { registerEnumType } from "type-graphql";

/** The enums of observations, registered with the schema where they are defined. */
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

registerEnumType(ObservationStatus, {
  name: "ObservationStatus",
  description: "How final a value is",
});
registerEnumType(ReviewState, {
  name: "ReviewState",
  description: "Only APPROVED values reach the official views",
});
registerEnumType(Disaggregation, {
  name: "Disaggregation",
  description: "Breakdown: total, workers with labour relations (QHLĐ), without (KQHLĐ)",
});
registerEnumType(Qualifier, {
  name: "Qualifier",
  description: 'EXACT, APPROXIMATE ("about"), LOWER_BOUND ("more than")',
});
