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
/** Theme of a programme's task group, so groups of different documents can be set side by side. */
export enum TaskTheme {
  POLICY_LAW = "POLICY_LAW",
  COMMUNICATION_TRAINING = "COMMUNICATION_TRAINING",
  INSPECTION = "INSPECTION",
  SERVICES_RESEARCH = "SERVICES_RESEARCH",
  MANAGEMENT = "MANAGEMENT",
}
registerEnumType(TaskTheme, {
  name: "TaskTheme",
  description:
    "Theme of a task group: policy and law, communication and training, inspection, services and research, management",
});
