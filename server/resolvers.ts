import type { ClassType, NonEmptyArray } from "type-graphql";
import { AuditResolver } from "./audit/audit.resolver.js";
import { UserResolver } from "./auth/auth.resolver.js";
import { AgencyResolver } from "./agencies/agency.resolver.js";
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
import { AnalyticsResolver } from "./progress/analytics.resolver.js";
import {
  ContextNoteResolver,
  IndicatorContextResolver,
  TargetRecordResolver,
} from "./notes/context-note.resolver.js";
import { SourceResolver } from "./sources/source.resolver.js";
import { ImportResolver } from "./imports/import.resolver.js";
import { CheckupWriteResolver } from "./stewardship/checkup.mutations.js";
import { MonitoringWriteResolver } from "./stewardship/monitoring.mutations.js";
import { ObservationWriteResolver } from "./stewardship/observation.mutations.js";
import { SourceWriteResolver } from "./stewardship/source.mutations.js";
import { UnitLineageResolver, UnitResolver } from "./units/unit.resolver.js";
import { SessionResolver } from "./auth/session.resolver.js";
import { ReportingResolver } from "./reporting/reporting.resolver.js";
import { ReviewResolver } from "./stewardship/review.resolver.js";

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
  // Browser sessions, review and reporting (issue 10).
  SessionResolver,
  ReviewResolver,
  ReportingResolver,
];
