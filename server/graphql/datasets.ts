import { z } from "zod";
import { Dataset } from "./enums.js";

/**
 * What a `datasets` argument means, the same in every list, summary and analytics query: left
 * out (or null), the official data only; otherwise the data sets listed. An empty list is refused
 * with BAD_USER_INPUT (field `datasets`): it asks for no data at all, and answering with the
 * official data instead would show a reader something other than what they chose. The refusal is
 * made for every argument or input field named `datasets`, before any resolver runs
 * (graphql/inputs.ts), so no query can give the empty list another meaning. API users read the
 * same in the README (the paragraph on the illustrative dataset) and in DATASETS_DESCRIPTION.
 */
export const DATASETS_DESCRIPTION =
  "Which data sets to read. Left out: [OFFICIAL]. An empty list is refused (BAD_USER_INPUT).";

export const datasetsRule = z
  .array(z.enum(Dataset))
  .min(1, { error: "danh sách trống / must not be empty (leave it out for the official data)" })
  .nullish();

/** The data sets a query reads (the list was validated by `datasetsRule` before the resolver). */
export function datasetsOrDefault(datasets: Dataset[] | null | undefined): Dataset[] {
  return datasets?.length ? datasets : [Dataset.OFFICIAL];
}
