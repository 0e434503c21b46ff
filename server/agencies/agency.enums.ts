import { registerEnumType } from "type-graphql";

/** The enums of agencies, registered with the schema where they are defined. */
export enum AgencyLevel {
  NATIONAL = "NATIONAL",
  PROVINCIAL = "PROVINCIAL",
  OTHER = "OTHER",
}

registerEnumType(AgencyLevel, { name: "AgencyLevel", description: "Level of an agency" });
