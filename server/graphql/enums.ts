import { registerEnumType } from "type-graphql";

/**
 * The enums every feature uses (which data set, how reliable a source is, which part of the year).
 * A feature's own enums live in its folder (e.g. units/unit.enums.ts) and register themselves there.
 */
export enum Grade {
  A = "A",
  B = "B",
  C = "C",
}
export enum Dataset {
  OFFICIAL = "OFFICIAL",
  ILLUSTRATIVE = "ILLUSTRATIVE",
}
export enum Period {
  YEAR = "YEAR",
  H1 = "H1",
}

const enums: [object, string, string][] = [
  [
    Grade,
    "Grade",
    "Reliability: A official text; B mainstream news citing an authority; C aggregator, translated or rewritten page",
  ],
  [Dataset, "Dataset", "OFFICIAL: sourced values. ILLUSTRATIVE: generated demo data, never real"],
  [Period, "Period", "Reference period within the year"],
];
for (const [e, name, description] of enums) registerEnumType(e, { name, description });
