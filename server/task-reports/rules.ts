import type { EntityManager } from "@mikro-orm/postgresql";
import { type Agency } from "../agencies/agency.entity.js";
import { BadInputError } from "../graphql/errors.js";
import type { Programme } from "../programmes/programme.entity.js";
import { programmeByCode } from "../programmes/programme.rules.js";
import { Responsibility } from "../programmes/responsibility.entity.js";
import type { TaskReportInput } from "./task-report.inputs.js";

/** The programme, its responsibility row and one of that row's agencies, as the input names them. */
export interface Anchor {
  programme: Programme;
  responsibility: Responsibility;
  agency: Agency;
}

/**
 * Resolves what a report is about and checks it fits: the row belongs to the programme, the
 * agency is named in the row, the year is within the programme and the agency existed then.
 */
export async function resolveAnchor(em: EntityManager, input: TaskReportInput): Promise<Anchor> {
  const programme = await programmeByCode(em, input.programme);
  if (input.year < programme.startYear || input.year > programme.endYear) {
    throw new BadInputError(
      `year: ${programme.code} runs ${programme.startYear}-${programme.endYear}, not ${input.year}`,
      "year",
      {
        reason: "OUT_OF_PERIOD",
        values: { year: input.year, from: programme.startYear, to: programme.endYear },
      },
    );
  }
  const responsibility = await em.findOne(
    Responsibility,
    { programme, number: input.responsibility },
    { populate: ["agencies"] },
  );
  if (!responsibility) {
    throw new BadInputError(
      `${programme.code} has no responsibility row ${input.responsibility}`,
      "responsibility",
    );
  }
  const agency = responsibility.agencies.getItems().find(a => a.code === input.agency);
  if (!agency) {
    throw new BadInputError(
      `agency: ${input.agency} is not named in row ${responsibility.number} of ${programme.code}`,
      "agency",
    );
  }
  if (
    (agency.validFrom && agency.validFrom > `${input.year}-12-31`) ||
    (agency.validTo && agency.validTo < `${input.year}-01-01`)
  ) {
    throw new BadInputError(
      `year: ${agency.code} did not exist in ${input.year} (${agency.validFrom ?? "…"} to ${agency.validTo ?? "today"})`,
      "year",
      {
        reason: "NOT_IN_YEAR",
        values: {
          code: agency.code,
          year: input.year,
          from: agency.validFrom ?? "",
          to: agency.validTo ?? "",
        },
      },
    );
  }
  return { programme, responsibility, agency };
}
