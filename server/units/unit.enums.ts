import { registerEnumType } from "type-graphql";

/** The enums of administrative units, registered with the schema where they are defined. */
export enum UnitLevel {
  NATION = "NATION",
  PROVINCE = "PROVINCE",
}
export enum UnitKind {
  NATION = "NATION",
  PROVINCE = "PROVINCE",
  CITY = "CITY",
}

registerEnumType(UnitLevel, { name: "UnitLevel", description: "Level of an administrative unit" });
registerEnumType(UnitKind, {
  name: "UnitKind",
  description: "Nation, province, or centrally-run city",
});
