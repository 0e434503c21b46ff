/** Documents of the reporting pages: the checklist, sources, writes, the review queue, coverage. */
import { graphql, type ResultOf } from "./graphql.js";

export const CHECKLIST_QUERY = graphql(`
  query ReportingChecklist($unit: Code!, $year: Int!) {
    reportingChecklist(unit: $unit, year: $year) {
      year
      items {
        year
        baseYear
        state
        indicator {
          code
          nameVi
          nameEn
          measure
        }
        unit {
          code
          nameVi
          nameEn
          validTo
        }
        observation {
          id
          value
          qualifier
          status
          disaggregation
          note
          quote
          rejectionReason
          source {
            code
            title
          }
        }
        targets {
          programme
          label
        }
      }
    }
  }
`);
export type ChecklistItem = ResultOf<typeof CHECKLIST_QUERY>["reportingChecklist"]["items"][number];

export const REJECTED_QUERY = graphql(`
  query MyRejected {
    myRejectedObservations {
      id
      year
      value
      rejectionReason
      indicator {
        code
        nameVi
        nameEn
      }
      unit {
        code
        nameVi
        nameEn
      }
    }
  }
`);

export const UNITS_FOR_REPORT = graphql(`
  query ReportUnits {
    units(first: 200, orderBy: NAME_ASC) {
      nodes {
        code
        nameVi
        nameEn
        level
        validFrom
        validTo
      }
    }
  }
`);

export const SOURCES_SEARCH = graphql(`
  query SourceSearch($search: String) {
    sources(first: 8, search: $search) {
      nodes {
        code
        title
        publisher
        grade
        documentNumber
      }
    }
  }
`);

export const CREATE_SOURCE = graphql(`
  mutation CreateSourceFromForm($input: CreateSourceInput!) {
    createSource(input: $input) {
      code
      title
    }
  }
`);

export const CREATE_OBSERVATION = graphql(`
  mutation CreateObservationFromForm($input: CreateObservationInput!) {
    createObservation(input: $input) {
      id
      reviewState
    }
  }
`);

export const UPDATE_OBSERVATION = graphql(`
  mutation UpdateObservationFromForm($id: Int!, $patch: ObservationPatch!) {
    updateObservation(id: $id, patch: $patch) {
      id
      reviewState
    }
  }
`);

export const REVIEW_QUEUE = graphql(`
  query ReviewQueue {
    reviewQueue {
      authorName
      previousValue
      observation {
        id
        year
        value
        qualifier
        status
        quote
        note
        indicator {
          code
          nameVi
          nameEn
          measure
        }
        unit {
          code
          nameVi
          nameEn
        }
        source {
          code
          title
          url
          documentNumber
          publisher
          grade
        }
      }
    }
  }
`);
export type ReviewEntry = ResultOf<typeof REVIEW_QUEUE>["reviewQueue"][number];

export const APPROVE = graphql(`
  mutation ApproveFromQueue($id: Int!) {
    approveObservation(id: $id) {
      id
      reviewState
    }
  }
`);

export const REJECT = graphql(`
  mutation RejectFromQueue($id: Int!, $reason: String!) {
    rejectObservation(id: $id, reason: $reason) {
      id
      reviewState
    }
  }
`);

export const COVERAGE_QUERY = graphql(`
  query ReportingCoverage($programme: Code!, $unit: Code) {
    reportingCoverage(programme: $programme, unit: $unit) {
      years
      deadline
      programme {
        code
        nameVi
        nameEn
      }
      unit {
        code
        nameVi
        nameEn
      }
      units {
        code
        nameVi
        nameEn
        validTo
      }
      indicators {
        code
        nameVi
        nameEn
      }
      cells {
        indicator
        year
        unit
        state
        baseYear
      }
      targets {
        assessable
        target {
          programme
          label
          textVi
          textEn
        }
        missing {
          indicator
          year
          unit
          baseYear
        }
      }
      totals {
        unit {
          code
          nameVi
          nameEn
        }
        official
        provisional
        draft
        missing
        overdue
      }
    }
  }
`);
export type Coverage = ResultOf<typeof COVERAGE_QUERY>["reportingCoverage"];
