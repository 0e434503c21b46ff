import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { userForToken } from "../../server/auth/tokens.js";
import { type Role } from "../../server/auth/user.entity.js";
import { createUserWithToken } from "../../server/auth/user.service.js";
import type { AppUser } from "../../server/context.js";

export interface TestUser {
  user: AppUser;
  token: string;
}

/** A user stored in the test database, with its first token, as the API would see it. */
export async function makeUser(
  orm: MikroORM,
  name: string,
  role: Role,
  units: string[] = [],
): Promise<TestUser> {
  const em = orm.em.fork() as EntityManager;
  const { token } = await createUserWithToken(
    em,
    { name, role, units: units.length ? units : null },
    null,
  );
  const user = await userForToken(orm.em.fork() as EntityManager, token);
  return { user: user!, token };
}

/** Row counts and sums of every table a write can touch, to prove a refused write changed nothing. */
export async function fingerprint(orm: MikroORM): Promise<Record<string, unknown>> {
  const conn = orm.em.getConnection();
  const out: Record<string, unknown> = {};
  const queries: Record<string, string> = {
    observation: `select count(*)::int n, coalesce(sum(value), 0)::float s, count(*) filter (where review_state = 'DRAFT')::int d, max(updated_at)::text u from observation`,
    source: `select count(*)::int n, md5(string_agg(code || title || grade, ',' order by id)) h from source`,
    monitoring_site: `select count(*)::int n, md5(string_agg(code || name || sector || factors::text, ',' order by id)) h from monitoring_site`,
    monitoring_result: `select count(*)::int n, coalesce(sum(samples), 0)::bigint s, coalesce(sum(samples_over_limit), 0)::bigint o from monitoring_result`,
    health_checkup: `select count(*)::int n, coalesce(sum(workers_examined), 0)::bigint w, coalesce(sum(cases_total), 0)::bigint c, md5(string_agg(cases::text, ',' order by id)) h from health_checkup`,
    app_user: `select count(*)::int n, (select count(*)::int from app_user_unit) u from app_user`,
    api_token: `select count(*)::int n, count(revoked_at)::int r from api_token`,
    audit_log: `select count(*)::int n from audit_log`,
  };
  for (const [table, sql] of Object.entries(queries)) out[table] = (await conn.execute(sql))[0];
  return out;
}
