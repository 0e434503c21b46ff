/**
 * The two statements behind `programmeAlignment`: (1) the programmes with their targets,
 * indicators, lead agencies, units and sources; (2) their task groups and leading bodies, also from
 * plans of the same unit that rest on a compared programme (Hải Dương's tasks are in its 2024 plan,
 * not in the CTr 1562 text, which was not found). Codes are passed as one array parameter.
 */
import type { EntityManager } from "@mikro-orm/postgresql";

export interface TargetSqlRow {
  programme: string;
  programme_vi: string;
  programme_en: string;
  start_year: number;
  end_year_p: number;
  implements_code: string | null;
  unit_code: string;
  unit_vi: string;
  unit_en: string;
  unit_valid_to: string | null;
  successor_code: string | null;
  successor_vi: string | null;
  successor_en: string | null;
  id: number | null;
  number: string | null;
  part: string | null;
  kind: string | null;
  comparator: string | null;
  value: number | null;
  base_year: number | null;
  end_year: number | null;
  section: string | null;
  text_vi: string | null;
  text_en: string | null;
  conflict: string | null;
  aligned_target_id: number | null;
  indicator_code: string | null;
  indicator_vi: string | null;
  indicator_en: string | null;
  measure: string | null;
  direction: string | null;
  agency: {
    code: string;
    nameVi: string;
    nameEn: string;
    successorNameVi: string | null;
    successorNameEn: string | null;
  } | null;
  source_title: string | null;
  source_grade: string | null;
  alternatives:
    | {
        value: number;
        sourceCode: string;
        sourceTitle: string | null;
        sourceGrade: string | null;
        note: string;
      }[]
    | null;
}

export async function selectTargets(em: EntityManager, codes: string[]): Promise<TargetSqlRow[]> {
  return em.execute(
    `select p.code as programme, p.name_vi as programme_vi, p.name_en as programme_en, p.start_year,
        p.end_year as end_year_p, ip.code as implements_code,
        u.code as unit_code, u.name_vi as unit_vi, u.name_en as unit_en, u.valid_to::text as unit_valid_to,
        su.code as successor_code, su.name_vi as successor_vi, su.name_en as successor_en,
        t.id, t.number, nullif(t.part, '') as part, t.kind, t.comparator, t.value, t.base_year, t.end_year,
        t.section, t.text_vi, t.text_en, t.conflict, t.aligned_target_id,
        i.code as indicator_code, i.name_vi as indicator_vi, i.name_en as indicator_en, i.measure, i.direction,
        case when a.id is null then null else json_build_object('code', a.code, 'nameVi', a.name_vi,
          'nameEn', a.name_en, 'successorNameVi', sa.name_vi, 'successorNameEn', sa.name_en) end as agency,
        s.title as source_title, s.grade as source_grade,
        (select json_agg(json_build_object('value', (x->>'value')::float8, 'sourceCode', x->>'source',
            'sourceTitle', xs.title, 'sourceGrade', xs.grade, 'note', x->>'note'))
           from jsonb_array_elements(t.alternative_values) x left join source xs on xs.code = x->>'source') as alternatives
       from programme p
       join administrative_unit u on u.id = p.unit_id
       left join administrative_unit su on su.id = u.successor_id
       left join programme ip on ip.id = p.implements_id
       left join target t on t.programme_id = p.id
       left join indicator i on i.id = t.indicator_id
       left join agency a on a.id = t.lead_agency_id
       left join agency sa on sa.id = a.successor_id
       left join source s on s.id = t.source_id
      where p.code = any(string_to_array(?, ','))
      order by p.code, (case when t.number ~ '^[0-9]+$' then lpad(t.number, 4, '0') else t.number end), t.part`,
    [codes.join(",")],
  );
}

export interface TasksSqlRow {
  programme: string;
  from_programme: string;
  from_vi: string;
  from_en: string;
  task_groups: {
    number: string;
    section: string;
    titleVi: string;
    titleEn: string;
    themes: string[];
    itemCount: number;
  }[];
  leads: {
    number: string;
    section: string;
    bodyVi: string;
    role: string;
    taskCount: number;
    agencies: {
      code: string;
      nameVi: string;
      nameEn: string;
      successorNameVi: string | null;
      successorNameEn: string | null;
    }[];
    targets: string[];
  }[];
}

export async function selectTasks(em: EntityManager, codes: string[]): Promise<TasksSqlRow[]> {
  return em.execute(
    `with chosen as (select id, code, unit_id, instrument_id from programme where code = any(string_to_array(?, ','))),
     related as (
       select c.code as programme, c.id as pid from chosen c
       union
       select c.code, q.id from chosen c
         join programme q on q.unit_id = c.unit_id and q.id <> c.id
         join programme_basis b on b.programme_id = q.id and b.legal_instrument_id = c.instrument_id)
     select r.programme, q.code as from_programme, q.name_vi as from_vi, q.name_en as from_en,
       (select coalesce(json_agg(json_build_object('number', ta.number, 'section', ta.section,
            'titleVi', ta.title_vi, 'titleEn', ta.title_en, 'themes', ta.themes,
            'itemCount', jsonb_array_length(ta.items::jsonb)) order by ta.id), '[]'::json)
          from task_area ta where ta.programme_id = r.pid) as task_groups,
       (select coalesce(json_agg(json_build_object('number', rs.number, 'section', rs.section,
            'bodyVi', rs.body_vi, 'role', rs.role, 'taskCount', jsonb_array_length(rs.tasks_vi::jsonb),
            'agencies', (select coalesce(json_agg(json_build_object('code', a.code, 'nameVi', a.name_vi,
                  'nameEn', a.name_en, 'successorNameVi', sa.name_vi, 'successorNameEn', sa.name_en) order by a.code), '[]'::json)
                from responsibility_agency ra join agency a on a.id = ra.agency_id
                left join agency sa on sa.id = a.successor_id where ra.responsibility_id = rs.id),
            'targets', (select coalesce(json_agg(t.number || t.part order by (case when t.number ~ '^[0-9]+$' then lpad(t.number, 4, '0') else t.number end), t.part), '[]'::json)
                from responsibility_target rt join target t on t.id = rt.target_id where rt.responsibility_id = rs.id))
            order by rs.id), '[]'::json)
          from responsibility rs where rs.programme_id = r.pid and rs.role = 'LEAD') as leads
      from related r join programme q on q.id = r.pid
      order by r.programme, (q.code <> r.programme), q.code`,
    [codes.join(",")],
  );
}
