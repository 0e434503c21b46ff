/** One programme with its targets, task areas and responsibilities. */
import { gql } from './client.js';
import { graphql, type ResultOf } from './graphql.js';

export const PROGRAMME_QUERY = graphql(`
  query Programme($code: String!) {
    programme(code: $code) {
      code nameVi nameEn startYear endYear
      unit { code nameVi nameEn }
      instrument { code number titleVi titleEn issuedOn }
      basisInstruments { code number titleVi titleEn issuedOn }
      implements { code nameVi nameEn }
      targets {
        label number part kind comparator value baseYear endYear section textVi textEn conflict assumption
        indicator { code nameVi nameEn measure direction }
        leadAgency { code nameVi nameEn }
        source { code title url documentNumber publisher publishedOn grade }
      }
      taskAreas { number section titleVi titleEn items { label textVi } }
      responsibilities {
        number section role bodyVi
        agencies { code nameVi nameEn }
        leadsTargets { label number part }
      }
    }
  }
`);

export type Programme = NonNullable<ResultOf<typeof PROGRAMME_QUERY>['programme']>;
export type SourceRef = NonNullable<Programme['targets'][number]['source']>;

/** The programme, or null when the code is unknown. */
export async function fetchProgramme(code: string): Promise<Programme | null> {
  const data = await gql(PROGRAMME_QUERY, { code });
  return data.programme;
}
