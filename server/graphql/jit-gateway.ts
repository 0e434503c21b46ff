import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import { execute, getVariableValues, type DocumentNode, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface["load"]>>["executor"]>;

/** A compiled operation, or INTERPRET, or how often it ran before being compiled. */
const INTERPRET = "interpret";
type Entry = CompiledQuery | typeof INTERPRET | number;

/** Runs of one operation with graphql-js before it is worth compiling (compiling costs ~1-5 ms). */
const COMPILE_AFTER_RUNS = 1;

export interface JitOptions {
  /** Tests set 0 so that every operation they send runs compiled. */
  compileAfterRuns?: number;
}

/**
 * Executes repeated operations with graphql-jit instead of graphql-js: an operation is compiled
 * once into a plain function, which then runs on every repeat. Apollo keeps one parsed and
 * validated document per query text, so the compiled function is kept beside that document
 * (weakly: it goes when Apollo's document cache drops the document). An operation seen for the
 * first time runs through graphql-js `execute`, so a one-off query pays no compilation.
 *
 * It plugs in through Apollo's supported executor hook, the `gateway` option: parsing,
 * validation (depth, aliases, directives), the cost plugin, formatError and every other plugin
 * run exactly as before; only the execution step changes. Variables are checked by graphql-js
 * first: its errors carry the variable's AST node, which Apollo needs to code them
 * BAD_USER_INPUT (graphql-jit's own variable errors have none, and would read as internal).
 */
export function jitGateway(
  schema: GraphQLSchema,
  { compileAfterRuns = COMPILE_AFTER_RUNS }: JitOptions = {},
): GatewayInterface {
  const entries = new WeakMap<DocumentNode, Map<string, Entry>>();

  const executor: GatewayExecutor = async ({ document, operation, request, context }) => {
    const variables = request.variables ?? {};
    if (operation.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, operation.variableDefinitions, variables, {
        maxErrors: 50,
      });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const operationName = request.operationName ?? undefined;
    let byName = entries.get(document);
    if (!byName) entries.set(document, (byName = new Map()));
    const key = operationName ?? "";
    let entry = byName.get(key) ?? 0;
    if (typeof entry === "number" && entry >= compileAfterRuns) {
      entry = compiled(document, operationName);
      byName.set(key, entry);
    } else if (typeof entry === "number") {
      byName.set(key, entry + 1);
    }
    if (typeof entry === "object") return entry.query(undefined, context, variables);
    return execute({
      schema,
      document,
      contextValue: context,
      variableValues: variables,
      operationName,
    });
  };

  /** The compiled operation; INTERPRET when graphql-jit cannot compile it (graphql-js answers it then, always). */
  const compiled = (document: DocumentNode, operationName: string | undefined): Entry => {
    try {
      const result = compileQuery(schema, document, operationName, {
        // Errors keep the stack of what threw (formatError decides what a client sees).
        disablingCapturingStackErrors: false,
      });
      return isCompiledQuery(result) ? result : INTERPRET;
    } catch {
      return INTERPRET;
    }
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}
