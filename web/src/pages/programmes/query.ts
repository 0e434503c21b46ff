/** The programme comparison query (alignment of provincial targets with the national ones). */
import { gql } from "../../api/client.js";
import { graphql, type ResultOf } from "../../api/graphql.js";

const AgencyFields = graphql(`
  fragment AlignedAgencyFields on AlignedAgency {
    code
    nameVi
    nameEn
    successorNameVi
    successorNameEn
  }
`);

const TargetFields = graphql(
  `
    fragment AlignedTargetFields on AlignedTarget {
      programme
      number
      part
      label
      kind
      comparator
      value
      baseYear
      endYear
      section
      textVi
      textEn
      indicatorCode
      indicatorNameVi
      indicatorNameEn
      measure
      direction
      leadAgency {
        ...AlignedAgencyFields
      }
      sourceTitle
      sourceGrade
      conflict
      alternatives {
        value
        sourceCode
        sourceTitle
        sourceGrade
        note
      }
    }
  `,
  [AgencyFields],
);

export const ALIGNMENT_QUERY = graphql(
  `
    query ProgrammeAlignment($national: Code!, $provincial: [Code!]!) {
      programmeAlignment(national: $national, provincial: $provincial) {
        national {
          code
          nameVi
          nameEn
          startYear
          endYear
          unitCode
          unitNameVi
          unitNameEn
        }
        provincial {
          code
          nameVi
          nameEn
          startYear
          endYear
          unitCode
          unitNameVi
          unitNameEn
          unitValidTo
          successorUnitCode
          successorUnitNameVi
          successorUnitNameEn
          implementsCode
        }
        rows {
          national {
            ...AlignedTargetFields
          }
          cells {
            programme
            relation
            notes
            reasonVi
            reasonEn
            candidates {
              nationalValue
              relation
            }
            target {
              ...AlignedTargetFields
            }
          }
        }
        provincialOnly {
          ...AlignedTargetFields
        }
        tasks {
          programme
          fromProgramme
          fromNameVi
          fromNameEn
          taskGroups {
            number
            section
            titleVi
            titleEn
            themes
            itemCount
          }
          leads {
            number
            section
            bodyVi
            role
            targets
            taskCount
            agencies {
              ...AlignedAgencyFields
            }
          }
        }
      }
    }
  `,
  [TargetFields, AgencyFields],
);

export type Alignment = ResultOf<typeof ALIGNMENT_QUERY>["programmeAlignment"];
export type AlignedTarget = ResultOf<typeof TargetFields>;
export type AlignedAgency = ResultOf<typeof AgencyFields>;

export async function fetchAlignment(national: string, provincial: string[]): Promise<Alignment> {
  return (await gql(ALIGNMENT_QUERY, { national, provincial })).programmeAlignment;
}
