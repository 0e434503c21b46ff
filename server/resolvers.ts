import type { ClassType, NonEmptyArray } from "type-graphql";
import { AuditResolver } from "./auth/audit-log.resolver.js";
import { AlignmentResolver } from "./alignment/alignment.resolver.js";
import { UserResolver } from "./auth/auth.resolver.js";
import { AgencyResolver } from "./agencies/agency.resolver.js";
import { CheckupSummaryResolver } from "./checkups/checkup-summary.resolver.js";
import { UnitObservationsResolver } from "./observations/unit-observations.resolver.js";
import { HealthCheckupResolver } from "./checkups/checkup.resolver.js";
import { IndicatorResolver, TargetResolver } from "./indicators/indicator.resolver.js";
import { LegalInstrumentResolver } from "./instruments/legal-instrument.resolver.js";
import {
  MonitoringResultResolver,
  MonitoringSiteResolver,
} from "./monitoring/monitoring.resolver.js";
import {
  ObservationAlternativeResolver,
  ObservationResolver,
} from "./observations/observation.resolver.js";
import { ProgrammeResolver, ResponsibilityResolver } from "./programmes/programme.resolver.js";
import { SummaryResolver } from "./monitoring/summary.resolver.js";
import { AnalyticsResolver } from "./analytics-api/analytics.resolver.js";
import { IndicatorProgressResolver } from "./analytics-api/indicator-progress.resolver.js";
import {
  ComparisonResolver,
  ScorecardCellResolver,
  ScorecardRowResolver,
} from "./analytics-api/scorecard.resolver.js";
import {
  ContextNoteResolver,
  IndicatorContextResolver,
  TargetRecordResolver,
} from "./notes/context-note.resolver.js";
import { SourceResolver } from "./sources/source.resolver.js";
import { ImportResolver } from "./imports/import.resolver.js";
import { CheckupWriteResolver } from "./checkups/checkup.mutations.js";
import { MonitoringWriteResolver } from "./monitoring/monitoring.mutations.js";
import { ObservationWriteResolver } from "./observations/observation.mutations.js";
import { SourceWriteResolver } from "./sources/source.mutations.js";
import { UnitLineageResolver, UnitResolver } from "./units/unit.resolver.js";
import { CsvLayoutResolver } from "./imports/layouts.resolver.js";
import { TaskReportResolver } from "./task-reports/task-report.resolver.js";
import { TaskReportWriteResolver } from "./task-reports/task-report.mutations.js";
import { SessionResolver } from "./auth/session.resolver.js";
import { ReportingResolver } from "./reporting/reporting.resolver.js";
import { ReviewResolver } from "./observations/review.resolver.js";

/** Every resolver class, listed explicitly. */
export const resolvers: NonEmptyArray<ClassType> = [
  UnitResolver,
  UnitLineageResolver,
  SourceResolver,
  LegalInstrumentResolver,
  AgencyResolver,
  ProgrammeResolver,
  ResponsibilityResolver,
  IndicatorResolver,
  TargetResolver,
  ObservationResolver,
  ObservationAlternativeResolver,
  MonitoringSiteResolver,
  MonitoringResultResolver,
  HealthCheckupResolver,
  AnalyticsResolver,
  SummaryResolver,
  CheckupSummaryResolver,
  UnitObservationsResolver,
  // Writes (tokens, scopes, audit): see README "Writing data".
  UserResolver,
  AuditResolver,
  ObservationWriteResolver,
  SourceWriteResolver,
  MonitoringWriteResolver,
  CheckupWriteResolver,
  ImportResolver,
  ContextNoteResolver,
  IndicatorContextResolver,
  TargetRecordResolver,
  IndicatorProgressResolver,
  AlignmentResolver,
  CsvLayoutResolver,
  TaskReportResolver,
  TaskReportWriteResolver,
  // Browser sessions, review and reporting (issue 10).
  SessionResolver,
  ReviewResolver,
  ReportingResolver,
  // Scorecard targets read only when asked for (issue 14).
  ScorecardRowResolver,
  ScorecardCellResolver,
  // Compare's target read only when asked for (issue 14).
  ComparisonResolver,
];
