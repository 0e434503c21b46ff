/**
 * Agency × target responsibility matrix from a programme's responsibilities and its targets'
 * lead agencies. Pure. When an agency has several roles for one target the strongest is kept
 * (lead > coordinate > support).
 */
import type { ResponsibilityRole } from "../../api/graphql.js";
import type { Programme } from "../../api/programmes.js";

export interface MatrixEntry {
  agencyCode: string;
  targetLabel: string;
  role: ResponsibilityRole;
}

const STRENGTH: Record<ResponsibilityRole, number> = { LEAD: 3, COORDINATE: 2, SUPPORT: 1 };

export function responsibilityMatrix(
  programme: Pick<Programme, "targets" | "responsibilities">,
): MatrixEntry[] {
  const cells = new Map<string, MatrixEntry>();
  const put = (entry: MatrixEntry) => {
    const key = `${entry.agencyCode}\u0000${entry.targetLabel}`;
    const existing = cells.get(key);
    if (!existing || STRENGTH[entry.role] > STRENGTH[existing.role]) cells.set(key, entry);
  };
  for (const target of programme.targets) {
    if (target.leadAgency) {
      put({ agencyCode: target.leadAgency.code, targetLabel: target.label, role: "LEAD" });
    }
  }
  for (const responsibility of programme.responsibilities) {
    for (const target of responsibility.leadsTargets) {
      for (const agency of responsibility.agencies) {
        put({ agencyCode: agency.code, targetLabel: target.label, role: responsibility.role });
      }
    }
  }
  const targetOrder = programme.targets.map(t => t.label);
  return [...cells.values()].sort(
    (a, b) =>
      targetOrder.indexOf(a.targetLabel) - targetOrder.indexOf(b.targetLabel) ||
      a.agencyCode.localeCompare(b.agencyCode),
  );
}
