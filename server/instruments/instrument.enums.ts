import { registerEnumType } from "type-graphql";

/** The enums of legal instruments, registered with the schema where they are defined. */
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

registerEnumType(InstrumentKind, {
  name: "InstrumentKind",
  description: "Kind of legal instrument",
});
