import { ApiToken } from "../auth/api-token.entity.js";
import { UserSession } from "../auth/session.entity.js";
import { User } from "../auth/user.entity.js";
import { AuditEntry } from "../audit/audit-entry.entity.js";
import { Agency } from "../agencies/agency.entity.js";
import { HealthCheckup } from "../checkups/health-checkup.entity.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Target } from "../indicators/target.entity.js";
import { LegalInstrument } from "../instruments/legal-instrument.entity.js";
import { MonitoringResult } from "../monitoring/monitoring-result.entity.js";
import { MonitoringSite } from "../monitoring/monitoring-site.entity.js";
import { ObservationAlternative } from "../observations/observation-alternative.entity.js";
import { Observation } from "../observations/observation.entity.js";
import { ContextNote } from "../notes/context-note.entity.js";
import { Programme } from "../programmes/programme.entity.js";
import { ProgrammeSection } from "../programmes/programme-section.entity.js";
import { Responsibility } from "../programmes/responsibility.entity.js";
import { TaskArea } from "../programmes/task-area.entity.js";
import { Source } from "../sources/source.entity.js";
import { UnitLineage } from "../units/unit-lineage.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { SeedState } from "./seed/seed-state.entity.js";
import { TaskReport } from "../task-reports/task-report.entity.js";

/** Every table-backed class, listed explicitly (no folder globbing). */
export const entities = [
  AdministrativeUnit,
  UnitLineage,
  Source,
  LegalInstrument,
  Agency,
  Programme,
  TaskArea,
  Responsibility,
  Indicator,
  Target,
  Observation,
  ObservationAlternative,
  MonitoringSite,
  MonitoringResult,
  HealthCheckup,
  SeedState,
  User,
  ApiToken,
  AuditEntry,
  ProgrammeSection,
  ContextNote,
  TaskReport,
  UserSession,
];
