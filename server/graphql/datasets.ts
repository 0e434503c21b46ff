import { Dataset } from "./enums.js";
import { BadInputError } from "./errors.js";

/**
 * What a `datasets` argument means, the same in every list, summary and analytics query: left
 * out (or null), the official data only; otherwise the data sets listed. An empty list is
 * refused: it asks for no data at all, and answering with the official data instead would show
 * a reader something other than what they chose.
 */
export const DATASETS_DESCRIPTION =
  "Which data sets to read. Left out: [OFFICIAL]. An empty list is refused (BAD_USER_INPUT).";

export function datasetsOrDefault(datasets: Dataset[] | null | undefined): Dataset[] {
  if (datasets && datasets.length === 0) {
    throw new BadInputError(
      "datasets: danh sách trống / must not be empty (leave it out for the official data)",
      "datasets",
    );
  }
  return datasets ?? [Dataset.OFFICIAL];
}
