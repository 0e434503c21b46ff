import type { EntityManager } from "@mikro-orm/postgresql";
import { type Agency } from "../agencies/agency.entity.js";
import { BadInputError } from "../graphql/errors.js";
import { Programme } from "../programmes/programme.entity.js";
import { Responsibility } from "../programmes/responsibility.entity.js";
import { checkCode, checkLength, checkYear } from "../graphql/field-rules.js";
import type { TaskReportInput } from "./task-report.inputs.js";

export const MAX_SUMMARY = 4000;
export const MAX_REASON = 1000;

/** The programme, its responsibility row and one of that row's agencies, as the input names them. */
export interface Anchor {
  programme: Programme;
  responsibility: Responsibility;
  agency: Agency;
}

export async function programmeByCode(em: EntityManager, code: string): Promise<Programme> {
  checkCode(code, "programme");
  const programme = await em.findOne(Programme, { code }, { populate: ["unit"] });
  if (!programme) throw new BadInputError(`Unknown programme "${code}"`, "programme");
  return programme;
}

export function checkEvidenceUrl(url: string | null | undefined): void {
  if (url == null || url === "") return;
  if (url.length > 2000 || !/^https?:\/\/[^\s/]+[^\s]*$/i.test(url)) {
    throw new BadInputError(
      "evidenceUrl: phải là địa chỉ http(s) / must be an http(s) address",
      "evidenceUrl",
    );
  }
}

/** Every field check of a report, before anything is looked up: each names its field. */
export function checkReportFields(input: TaskReportInput): void {
  checkYear(input.year);
  checkLength(input.summary, "summary", MAX_SUMMARY, true);
  checkEvidenceUrl(input.evidenceUrl);
  if (!/^[0-9A-Za-z.]{1,16}$/.test(input.responsibility)) {
    throw new BadInputError(
      `responsibility: "${input.responsibility.slice(0, 20)}" is not a row number`,
      "responsibility",
    );
  }
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
  checkCode(input.agency, "agency");
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
    );
  }
  return { programme, responsibility, agency };
}
