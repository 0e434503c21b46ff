/** One programme with its targets, task areas and responsibilities. */
import { gql } from "./client.js";
import { graphql, type ResultOf } from "./graphql.js";

/** A sourced context note as the programme and indicator pages show it (one field list). */
export const ContextNoteFields = graphql(`
  fragment ContextNoteFields on ContextNote {
    code
    textVi
    textEn
    year
    periodText
    quote
    grade
    note
    source {
      code
      title
      url
      documentNumber
      publisher
      publishedOn
      grade
      language
    }
  }
`);

export const PROGRAMME_QUERY = graphql(
  `
    query Programme($code: Code!) {
      programme(code: $code) {
        code
        nameVi
        nameEn
        startYear
        endYear
        unit {
          code
          nameVi
          nameEn
        }
        instrument {
          code
          number
          titleVi
          titleEn
          issuedOn
        }
        basisInstruments {
          code
          number
          titleVi
          titleEn
          issuedOn
        }
        citedInstruments {
          code
          number
          kind
          issuer
          titleVi
          titleEn
          issuedOn
          source {
            url
          }
        }
        sections {
          number
          position
          kind
          titleVi
          titleEn
          summaryVi
          summaryEn
          items {
            label
            textVi
            textEn
            verbatim
            amountBillionVnd
          }
        }
        implements {
          code
          nameVi
          nameEn
        }
        targets {
          label
          number
          part
          kind
          comparator
          value
          baseYear
          endYear
          section
          textVi
          textEn
          conflict
          conflictVi
          assumption
          assumptionVi
          indicator {
            code
            nameVi
            nameEn
            measure
            direction
          }
          leadAgency {
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
            publishedOn
            grade
          }
          citedInstruments {
            code
            number
            kind
            issuedOn
          }
          contextNotes {
            ...ContextNoteFields
          }
        }
        taskAreas {
          number
          section
          titleVi
          titleEn
          items {
            label
            textVi
          }
        }
        responsibilities {
          number
          section
          role
          bodyVi
          agencies {
            code
            nameVi
            nameEn
          }
          leadsTargets {
            label
            number
            part
          }
        }
      }
    }
  `,
  [ContextNoteFields],
);

export type Programme = NonNullable<ResultOf<typeof PROGRAMME_QUERY>["programme"]>;
export type SourceRef = NonNullable<Programme["targets"][number]["source"]>;
export type CitedInstrument = Programme["citedInstruments"][number];
export type ProgrammeSection = Programme["sections"][number];
export type ContextNoteRef = Programme["targets"][number]["contextNotes"][number];

/** The programme, or null when the code is unknown. */
export async function fetchProgramme(code: string): Promise<Programme | null> {
  const data = await gql(PROGRAMME_QUERY, { code });
  return data.programme;
}
