/** Yearly task reports of a programme: the per-body status grid and the approved reports. */
import { gql, gqlWrite } from "./client.js";
import { graphql, type ResultOf, type VariablesOf } from "./graphql.js";

export const TASK_REPORT_STATUS_QUERY = graphql(`
  query TaskReportStatus($programme: Code!, $asOf: LocalDate) {
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
  query TaskReports($programme: Code!) {
    taskReports(programme: $programme) {
      awaitingReview
      reports {
        id
        year
        status
        summary
        evidenceUrl
        reviewState
        rejectionReason
        submittedBy
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

export const SUBMIT_TASK_REPORT = graphql(`
  mutation SubmitTaskReport($input: TaskReportInput!) {
    submitTaskReport(input: $input) {
      id
      reviewState
    }
  }
`);

export const APPROVE_TASK_REPORT = graphql(`
  mutation ApproveTaskReport($id: Int!) {
    approveTaskReport(id: $id) {
      id
      reviewState
    }
  }
`);

export const REJECT_TASK_REPORT = graphql(`
  mutation RejectTaskReport($id: Int!, $reason: String!) {
    rejectTaskReport(id: $id, reason: $reason) {
      id
      reviewState
    }
  }
`);

export type TaskReportInput = VariablesOf<typeof SUBMIT_TASK_REPORT>["input"];

export async function submitTaskReport(input: TaskReportInput): Promise<void> {
  await gqlWrite(SUBMIT_TASK_REPORT, { input });
}

export async function approveTaskReport(id: number): Promise<void> {
  await gqlWrite(APPROVE_TASK_REPORT, { id });
}

export async function rejectTaskReport(id: number, reason: string): Promise<void> {
  await gqlWrite(REJECT_TASK_REPORT, { id, reason });
}
