/** The comparison as CSV rows: one line per national target × provincial programme. Pure. */
import type { Locale } from "../../lib/format.js";
import { pickText } from "../../lib/i18n.js";
import { statusLabel } from "../../lib/status.js";
import type { Alignment } from "./query.js";
import { relationLabel } from "./relations.js";
import { agencyText, entryReason, type ComparisonRow } from "./transform.js";

/** CSV header keys (the page translates them); one line per national target × programme. */
const CSV_COLUMNS = [
  "nationalProgramme",
  "nationalTarget",
  "nationalText",
  "nationalComparator",
  "nationalValue",
  "nationalOtherValues",
  "programme",
  "progressUnit",
  "provincialTarget",
  "provincialText",
  "kind",
  "comparator",
  "value",
  "baseYear",
  "endYear",
  "section",
  "leadAgency",
  "relation",
  "relationWords",
  "reason",
  "statusOwn",
  "statusNational",
] as const;

/** Rows of the CSV: numbers stay numbers (dot decimal in the file); missing is an empty cell. */
function csvRows(
  alignment: Alignment,
  rows: ComparisonRow[],
  locale: Locale,
): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const row of rows) {
    const n = row.national;
    for (const cell of row.cells) {
      // A provincial-only row has an entry only in its own programme's column.
      for (const e of cell.entries) {
        const t = e.target;
        out.push([
          n ? alignment.national.code : "",
          n?.label ?? "",
          n ? pickText(n.textVi, n.textEn, locale) : "",
          n?.comparator ?? "",
          n?.value ?? "",
          n ? n.alternatives.map(a => a.value).join(" ") : "",
          cell.programme,
          e.unit,
          t?.label ?? "",
          t ? pickText(t.textVi, t.textEn, locale) : "",
          t?.kind ?? "",
          t?.comparator ?? "",
          t?.value ?? "",
          t?.baseYear ?? "",
          t?.endYear ?? "",
          t?.section ?? "",
          agencyText(t?.leadAgency ?? null, locale) ?? "",
          e.relation,
          relationLabel(e.relation, locale),
          entryReason(e, locale),
          e.own ? statusLabel(e.own.status, locale) : "",
          e.national ? statusLabel(e.national.status, locale) : "",
        ]);
      }
    }
  }
  return out;
}

const CSV_HEADER: Record<(typeof CSV_COLUMNS)[number], [string, string]> = {
  nationalProgramme: ["Chương trình quốc gia", "National programme"],
  nationalTarget: ["Mục tiêu quốc gia", "National target"],
  nationalText: ["Nội dung mục tiêu quốc gia", "National target text"],
  nationalComparator: ["Phép so sánh (quốc gia)", "National comparator"],
  nationalValue: ["Giá trị quốc gia", "National value"],
  nationalOtherValues: ["Giá trị quốc gia theo nguồn khác", "National value in other sources"],
  programme: ["Chương trình của tỉnh", "Provincial programme"],
  progressUnit: ["Đơn vị tính tiến độ", "Progress unit"],
  provincialTarget: ["Mục tiêu của tỉnh", "Provincial target"],
  provincialText: ["Nội dung mục tiêu của tỉnh", "Provincial target text"],
  kind: ["Loại", "Kind"],
  comparator: ["Phép so sánh", "Comparator"],
  value: ["Giá trị", "Value"],
  baseYear: ["Năm gốc", "Base year"],
  endYear: ["Năm kết thúc", "End year"],
  section: ["Mục trong văn bản", "Section"],
  leadAgency: ["Cơ quan chủ trì", "Lead agency"],
  relation: ["Quan hệ (mã)", "Relation (code)"],
  relationWords: ["Quan hệ", "Relation"],
  reason: ["Lý do", "Reason"],
  statusOwn: ["Tiến độ so với mục tiêu của tỉnh", "Progress against the provincial target"],
  statusNational: ["Tiến độ so với mục tiêu quốc gia", "Progress against the national target"],
};

/** Header + rows, ready for csv.ts `toCsv` (which adds the BOM and neutralises formulas). */
export function csvMatrix(
  alignment: Alignment,
  rows: ComparisonRow[],
  locale: Locale,
): (string | number)[][] {
  const header = CSV_COLUMNS.map(c => CSV_HEADER[c][locale === "vi" ? 0 : 1]);
  return [header, ...csvRows(alignment, rows, locale)];
}
