/** Reference lists the pages choose from: units, indicators, programmes. */
import { gql } from "./client.js";
import { graphql, type ResultOf } from "./graphql.js";

export const UNITS_QUERY = graphql(`
  query Units($asOf: LocalDate) {
    units(first: 200, filter: { asOf: $asOf }, orderBy: NAME_ASC) {
      totalCount
      nodes {
        code
        nameVi
        nameEn
        level
        validFrom
        validTo
        successor {
          code
          nameVi
          nameEn
        }
      }
    }
  }
`);

export const INDICATORS_QUERY = graphql(`
  query Indicators {
    indicators(first: 500) {
      totalCount
      nodes {
        code
        nameVi
        nameEn
        measure
        direction
        category
        definitionVi
        definitionEn
        sdg
      }
    }
  }
`);

export const PROGRAMMES_QUERY = graphql(`
  query Programmes {
    programmes(first: 100) {
      totalCount
      nodes {
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
      }
    }
  }
`);

export type Unit = ResultOf<typeof UNITS_QUERY>["units"]["nodes"][number];
export type Indicator = ResultOf<typeof INDICATORS_QUERY>["indicators"]["nodes"][number];
export type ProgrammeRef = ResultOf<typeof PROGRAMMES_QUERY>["programmes"]["nodes"][number];

/** Units valid on a day (63 provinces before 2025-07-01, 34 from then), or all when asOf is null. */
export async function fetchUnits(asOf: string | null = null): Promise<Unit[]> {
  const data = await gql(UNITS_QUERY, { asOf });
  return data.units.nodes;
}

/** Every indicator with its unit of measure and desired direction. */
export async function fetchIndicators(): Promise<Indicator[]> {
  const data = await gql(INDICATORS_QUERY);
  return data.indicators.nodes;
}

/** Every programme (national and provincial), without details. */
export async function fetchProgrammes(): Promise<ProgrammeRef[]> {
  const data = await gql(PROGRAMMES_QUERY);
  return data.programmes.nodes;
}
