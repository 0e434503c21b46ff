/**
 * Builds the programme comparison from two SQL statements and the pure alignment rule
 * (server/analytics/alignment.ts): per national target, each provincial counterpart (or none) and
 * its relation; then the provincial targets with no national counterpart; then task groups and leads.
 */
import type { EntityManager } from "@mikro-orm/postgresql";
import { alignTargets, type TargetTerms } from "../analytics/alignment.js";
import { BadInputError } from "../graphql/errors.js";
import { checkCodes } from "../graphql/validate.js";
import type {
  AlignedProgramme,
  AlignedTarget,
  AlignmentCell,
  AlignmentRow,
  ProgrammeAlignment,
  ProgrammeTasks,
} from "./alignment.objects.js";
import { selectTargets, selectTasks, type TargetSqlRow } from "./alignment.sql.js";

export const MAX_PROVINCIAL = 5;

function programmeOf(r: TargetSqlRow): AlignedProgramme {
  return {
    code: r.programme,
    nameVi: r.programme_vi,
    nameEn: r.programme_en,
    startYear: r.start_year,
    endYear: r.end_year_p,
    unitCode: r.unit_code,
    unitNameVi: r.unit_vi,
    unitNameEn: r.unit_en,
    unitValidTo: r.unit_valid_to,
    successorUnitCode: r.successor_code,
    successorUnitNameVi: r.successor_vi,
    successorUnitNameEn: r.successor_en,
    implementsCode: r.implements_code,
  };
}

function targetOf(r: TargetSqlRow): AlignedTarget {
  return {
    programme: r.programme,
    number: r.number!,
    part: r.part,
    label: r.number! + (r.part ?? ""),
    kind: r.kind as AlignedTarget["kind"],
    comparator: r.comparator as AlignedTarget["comparator"],
    value: Number(r.value),
    baseYear: r.base_year,
    endYear: r.end_year!,
    section: r.section!,
    textVi: r.text_vi!,
    textEn: r.text_en,
    indicatorCode: r.indicator_code!,
    indicatorNameVi: r.indicator_vi!,
    indicatorNameEn: r.indicator_en!,
    measure: r.measure as AlignedTarget["measure"],
    direction: r.direction as AlignedTarget["direction"],
    leadAgency: r.agency,
    sourceTitle: r.source_title,
    sourceGrade: r.source_grade,
    conflict: r.conflict,
    alternatives: r.alternatives ?? [],
  };
}

const terms = (t: AlignedTarget): TargetTerms => ({
  kind: t.kind,
  comparator: t.comparator,
  value: t.value,
  indicator: t.indicatorCode,
  measure: t.measure,
  direction: t.direction,
  baseYear: t.baseYear,
  endYear: t.endYear,
  alternativeValues: t.alternatives.map(a => a.value).filter(v => v !== t.value),
});

function validate(national: string, provincial: string[]): string[] {
  checkCodes([national], "national", 1);
  checkCodes(provincial, "provincial", MAX_PROVINCIAL);
  if (!provincial.length) {
    throw new BadInputError("provincial must name at least one programme", "provincial");
  }
  const unique = [...new Set(provincial)];
  if (unique.includes(national)) {
    throw new BadInputError(
      `provincial must not repeat the national programme ${national}`,
      "provincial",
    );
  }
  return unique;
}

export async function buildAlignment(
  em: EntityManager,
  nationalCode: string,
  provincialCodes: string[],
): Promise<ProgrammeAlignment> {
  const provincial = validate(nationalCode, provincialCodes);
  const rows = await selectTargets(em, [nationalCode, ...provincial]);
  const found = new Set(rows.map(r => r.programme));
  if (!found.has(nationalCode)) {
    throw new BadInputError(`Unknown programme code: ${nationalCode}`, "national");
  }
  const unknown = provincial.filter(c => !found.has(c));
  if (unknown.length) {
    throw new BadInputError(`Unknown programme code(s): ${unknown.join(", ")}`, "provincial");
  }
  const programmes = new Map(rows.map(r => [r.programme, programmeOf(r)]));
  const withTarget = rows.filter(r => r.id !== null);
  const nationalRows = withTarget.filter(r => r.programme === nationalCode);
  const nationalIds = new Set(nationalRows.map(r => r.id));

  const alignmentRows: AlignmentRow[] = nationalRows.map(n => {
    const national = targetOf(n);
    const cells = provincial.flatMap((code): AlignmentCell[] => {
      const counterparts = withTarget.filter(
        r => r.programme === code && r.aligned_target_id === n.id,
      );
      const list = counterparts.length ? counterparts.map(targetOf) : [null];
      return list.map(target => ({
        programme: code,
        target,
        ...alignTargets(terms(national), target ? terms(target) : null),
      })) as AlignmentCell[];
    });
    return { national, cells };
  });
  const provincialOnly = withTarget
    .filter(r => r.programme !== nationalCode && !nationalIds.has(r.aligned_target_id))
    .map(targetOf);
  const tasks: ProgrammeTasks[] = (await selectTasks(em, [nationalCode, ...provincial])).map(t => ({
    programme: t.programme,
    fromProgramme: t.from_programme,
    fromNameVi: t.from_vi,
    fromNameEn: t.from_en,
    taskGroups: t.task_groups as ProgrammeTasks["taskGroups"],
    leads: t.leads as ProgrammeTasks["leads"],
  }));
  return {
    national: programmes.get(nationalCode)!,
    provincial: provincial.map(c => programmes.get(c)!),
    rows: alignmentRows,
    provincialOnly,
    tasks,
  };
}
