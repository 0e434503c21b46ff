import { registerEnumType } from "type-graphql";

/** The enums of programmes, registered with the schema where they are defined. */
export enum ProgrammeKind {
  PROGRAMME = "PROGRAMME",
  PLAN = "PLAN",
  HEALTH_PLAN = "HEALTH_PLAN",
  DIRECTIVE = "DIRECTIVE",
}
export enum ResponsibilityRole {
  LEAD = "LEAD",
  COORDINATE = "COORDINATE",
  SUPPORT = "SUPPORT",
}

registerEnumType(ProgrammeKind, {
  name: "ProgrammeKind",
  description: "Kind of programme or plan",
});
registerEnumType(ResponsibilityRole, {
  name: "ResponsibilityRole",
  description: "Role of a body in a programme",
});
