import { registerEnumType } from "type-graphql";

/** The enums of health check-ups, registered with the schema where they are defined. */
export enum CheckupKind {
  PERIODIC = "PERIODIC",
  OD_SCREENING = "OD_SCREENING",
}

registerEnumType(CheckupKind, {
  name: "CheckupKind",
  description: "Periodic health check-up or occupational-disease screening",
});
