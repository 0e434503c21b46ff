import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { MikroORM } from "@mikro-orm/core";
import { costLimitPlugin, depthLimitRule } from "../../server/graphql/complexity.js";
import { formatError } from "../../server/graphql/format-error.js";
import { buildContext, type AppUser } from "../../server/context.js";
import { withSqlCount } from "../../server/db/sql-counter.js";
import { buildAppSchema } from "../../server/schema.js";
import { jitGateway } from "../../server/graphql/jit-gateway.js";

export interface GqlResult<T = Record<string, any>> {
  data: T | null;
  errors:
    | {
        message: string;
        extensions?: {
          code?: string;
          field?: string;
          reason?: string;
          values?: Record<string, unknown>;
        };
      }[]
    | undefined;
  /** SQL statements the operation sent. */
  statements: number;
}

/** Runs GraphQL operations through the whole pipeline (validation, resolvers, loaders, formatError). */
export async function createExecutor(orm: MikroORM, production = true) {
  const server = new ApolloServer({
    // Executed as the app executes (graphql-jit), compiled from the first run so that every
    // test query checks the compiled path; the app's HTTP tests see graphql-js's first runs.
    gateway: jitGateway(await buildAppSchema(), { compileAfterRuns: 0 }),
    formatError: formatError(production),
    includeStacktraceInErrorResponses: false,
    // The same limits as the app, so every test query also proves it stays within them.
    validationRules: [depthLimitRule],
    // As the app: without Apollo's cache-control plugin, whose per-field hook would wrap every
    // resolver (and so hide which fields read a plain property, as plain-page.ts checks).
    plugins: [costLimitPlugin, ApolloServerPluginCacheControlDisabled()],
  });
  await server.start();
  return {
    async run<T = Record<string, any>>(
      query: string,
      variables?: Record<string, unknown>,
      user: AppUser | null = null,
    ): Promise<GqlResult<T>> {
      const { result, statements } = await withSqlCount(() =>
        server.executeOperation({ query, variables }, { contextValue: buildContext(orm, user) }),
      );
      if (result.body.kind !== "single") throw new Error("expected a single result");
      const { data, errors } = result.body.singleResult;
      return {
        data: (data ?? null) as T | null,
        errors: errors as GqlResult["errors"],
        statements,
      };
    },
    stop: () => server.stop(),
  };
}
