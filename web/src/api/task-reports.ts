/** Yearly task reports of a programme: the per-body status grid and the approved reports. */
import { gql } from "./client.js";
import { graphql, type ResultOf } from "./graphql.js";

export const TASK_REPORT_STATUS_QUERY = graphql(`
  query TaskReportStatus($programme: String!, $asOf: LocalDate) {
    taskReportStatus(programme: $programme, asOf: $asOf) {
      programme
      reportDueMonthDay
      asOf
      years
      rows {
        responsibility
        section
        bodyVi
        agency {
          code
          nameVi
          nameEn
          validTo
        }
        reported
        overdue
        cells {
          year
          deadline
          state
          reviewState
          taskStatus
          reportId
        }
      }
    }
  }
`);

export const TASK_REPORTS_QUERY = graphql(`
  query TaskReports($programme: String!) {
    taskReports(programme: $programme) {
      awaitingReview
      reports {
        id
        year
        status
        summary
        evidenceUrl
        reviewState
        submittedAt
        reviewedAt
        responsibility
        agency {
          code
          nameVi
          nameEn
        }
      }
    }
  }
`);

export type TaskReportStatus = ResultOf<typeof TASK_REPORT_STATUS_QUERY>["taskReportStatus"];
export type TaskReportStatusRow = TaskReportStatus["rows"][number];
export type TaskReportList = ResultOf<typeof TASK_REPORTS_QUERY>["taskReports"];

export async function fetchTaskReportStatus(
  programme: string,
  asOf?: string,
): Promise<TaskReportStatus> {
  return (await gql(TASK_REPORT_STATUS_QUERY, { programme, asOf: asOf ?? null })).taskReportStatus;
}

export async function fetchTaskReports(programme: string): Promise<TaskReportList> {
  return (await gql(TASK_REPORTS_QUERY, { programme })).taskReports;
}
