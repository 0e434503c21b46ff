/**
 * Programme comparison: pure transforms from the API's alignment (+ the scorecard's statuses) to
 * the table rows, the legend, the CSV matrix and the task-theme grid. No DOM, unit-tested.
 */
import type { Locale } from "../../lib/format.js";
import { pickText } from "../../lib/i18n.js";
import { targetValueText } from "../../lib/targets.js";
import type { AlignedAgency, AlignedTarget, Alignment } from "./query.js";
import { RELATION_STYLE, type Relation } from "./relations.js";

/** A progress status as the page needs it, keyed by programme, target label and unit. */
export interface StatusInfo {
  status: string;
  reasonVi: string | null;
  reasonEn: string | null;
  illustrative: boolean;
}
export type StatusIndex = Map<string, StatusInfo>;
export const statusKey = (programme: string, label: string, unit: string) =>
  `${programme}|${label}|${unit}`;

interface ScorecardLike {
  rows: {
    target: { label: string; programme: { code: string } };
    cells: {
      unit: { code: string };
      progress: {
        status: string;
        reasonVi: string | null;
        reasonEn: string | null;
        illustrative: boolean;
      };
    }[];
  }[];
}

export function statusIndex(scorecard: ScorecardLike): StatusIndex {
  const index: StatusIndex = new Map();
  for (const row of scorecard.rows) {
    for (const cell of row.cells) {
      index.set(statusKey(row.target.programme.code, row.target.label, cell.unit.code), {
        status: cell.progress.status,
        reasonVi: cell.progress.reasonVi,
        reasonEn: cell.progress.reasonEn,
        illustrative: cell.progress.illustrative,
      });
    }
  }
  return index;
}

export type View = "63" | "34";

/** The unit whose series judges a programme: its own (until 2025-06-30), or the new Hải Phòng. */
export function progressUnit(
  p: { unitCode: string; successorUnitCode: string | null },
  view: View,
): string {
  return view === "34" ? (p.successorUnitCode ?? p.unitCode) : p.unitCode;
}

/** Units to ask the scorecard for, in programme order, without repeats. */
export function progressUnits(alignment: Pick<Alignment, "provincial">, view: View): string[] {
  return [...new Set(alignment.provincial.map(p => progressUnit(p, view)))];
}

export interface CellEntry {
  target: AlignedTarget | null;
  relation: Relation;
  /** The API's reason (null for a provincial-only target). */
  reasonVi: string | null;
  reasonEn: string | null;
  unit: string;
  own: StatusInfo | null;
  national: StatusInfo | null;
}
export interface ComparisonRow {
  key: string;
  national: AlignedTarget | null;
  /** One list per provincial programme, in the order asked (usually one entry). */
  cells: { programme: string; entries: CellEntry[] }[];
}

export function buildRows(
  alignment: Alignment,
  statuses: StatusIndex,
  view: View,
): ComparisonRow[] {
  const unitOf = new Map(alignment.provincial.map(p => [p.code, progressUnit(p, view)]));
  const nationalCode = alignment.national.code;
  const rows: ComparisonRow[] = alignment.rows.map(row => ({
    key: `n-${row.national.label}`,
    national: row.national,
    cells: alignment.provincial.map(p => ({
      programme: p.code,
      entries: row.cells
        .filter(c => c.programme === p.code)
        .map(c => {
          const unit = unitOf.get(p.code)!;
          return {
            target: c.target,
            relation: c.relation as Relation,
            reasonVi: c.reasonVi,
            reasonEn: c.reasonEn,
            unit,
            own: c.target ? (statuses.get(statusKey(p.code, c.target.label, unit)) ?? null) : null,
            national: statuses.get(statusKey(nationalCode, row.national.label, unit)) ?? null,
          };
        }),
    })),
  }));
  for (const t of alignment.provincialOnly) {
    rows.push({
      key: `p-${t.programme}-${t.label}`,
      national: null,
      cells: alignment.provincial.map(p => ({
        programme: p.code,
        entries:
          p.code === t.programme
            ? [
                {
                  target: t,
                  relation: "PROVINCIAL_ONLY" as const,
                  reasonVi: null,
                  reasonEn: null,
                  unit: unitOf.get(p.code)!,
                  own: statuses.get(statusKey(p.code, t.label, unitOf.get(p.code)!)) ?? null,
                  national: null,
                },
              ]
            : [],
      })),
    });
  }
  return rows;
}

/** Reason words for a cell entry in the page's language. */
export function entryReason(e: CellEntry, locale: Locale): string {
  if (e.relation === "PROVINCIAL_ONLY") return RELATION_STYLE.PROVINCIAL_ONLY.description[locale];
  return pickText(e.reasonVi, e.reasonEn, locale);
}

export function agencyText(agency: AlignedAgency | null, locale: Locale): string | null {
  if (!agency) return null;
  const name = pickText(agency.nameVi, agency.nameEn, locale);
  const successor = pickText(agency.successorNameVi, agency.successorNameEn, locale);
  return successor ? `${name} (${locale === "vi" ? "nay là" : "now"} ${successor})` : name;
}

/** '> 90 %', '−4 %/năm'; and the other sourced national values when disputed. */
export function valueText(t: AlignedTarget, locale: Locale): string {
  const main = targetValueText(t, locale);
  if (!t.alternatives.length) return main;
  const others = t.alternatives.map(a => targetValueText({ ...t, value: a.value }, locale));
  return `${main} ${locale === "vi" ? "hoặc" : "or"} ${others.join(", ")}`;
}

export const THEMES = [
  "POLICY_LAW",
  "COMMUNICATION_TRAINING",
  "INSPECTION",
  "SERVICES_RESEARCH",
  "MANAGEMENT",
] as const;

export interface ThemeGroup {
  number: string;
  section: string;
  title: string;
  itemCount: number;
  /** Set when the group comes from a plan resting on the compared programme. */
  fromProgramme: string | null;
}

/** Theme × programme: the task groups of each programme under each theme (a group may repeat). */
export function themeGrid(
  alignment: Pick<Alignment, "tasks">,
  programmes: string[],
  locale: Locale,
): { theme: (typeof THEMES)[number]; cells: ThemeGroup[][] }[] {
  return THEMES.map(theme => ({
    theme,
    cells: programmes.map(code =>
      alignment.tasks
        .filter(t => t.programme === code)
        .flatMap(t =>
          t.taskGroups
            .filter(g => g.themes.includes(theme))
            .map(g => ({
              number: g.number,
              section: g.section,
              title: pickText(g.titleVi, g.titleEn, locale),
              itemCount: g.itemCount,
              fromProgramme: t.fromProgramme === code ? null : t.fromProgramme,
              fromName:
                t.fromProgramme === code ? null : pickText(t.fromNameVi, t.fromNameEn, locale),
            })),
        ),
    ),
  }));
}

/** The sources the compared targets rest on (title and grade), each once, national first. */
export function targetSources(alignment: Alignment): { title: string; grade: string | null }[] {
  const targets = [
    ...alignment.rows.flatMap(r => [r.national, ...r.cells.map(c => c.target)]),
    ...alignment.provincialOnly,
  ];
  const seen = new Map<string, string | null>();
  for (const t of targets) {
    if (!t) continue;
    if (t.sourceTitle && !seen.has(t.sourceTitle)) seen.set(t.sourceTitle, t.sourceGrade);
    for (const a of t.alternatives) {
      const title = a.sourceTitle ?? a.sourceCode;
      if (!seen.has(title)) seen.set(title, a.sourceGrade);
    }
  }
  return [...seen].map(([title, grade]) => ({ title, grade }));
}
