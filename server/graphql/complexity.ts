import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  GraphQLError,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ASTVisitor,
  type OperationDefinitionNode,
  type ValidationRule,
  type GraphQLField,
} from "graphql";

/** Limits on one operation, chosen well above what the web app asks (its heaviest query, 1000 check-ups a page, costs ~36k). */
export const MAX_DEPTH = 12;
export const MAX_COST = 250_000;
/** Depth counting introspection: the standard GraphiQL/Sandbox introspection query is 15 deep. */
export const MAX_DEPTH_WITH_INTROSPECTION = 20;
/** Aliases per document: the web app uses 2; 200 aliased scorecards cost 1,200 SQL statements. */
export const MAX_ALIASES = 20;
export const MAX_DIRECTIVES = 20;
/** Lexical tokens per document, checked while parsing (graphql's own `maxTokens`), before anything else. */
export const MAX_TOKENS = 3_000;
/**
 * Fields that aggregate over many rows: each runs several SQL statements (a scorecard 6, ~30 ms)
 * whatever it selects, so each costs as much as 10,000 plain fields, and a document may hold at
 * most MAX_HEAVY_FIELDS of them (introspection's `__schema`, ~50 kB of answer, counts too).
 */
export const HEAVY_FIELDS: Record<string, number> = {
  scorecard: 10_000,
  compare: 10_000,
  progress: 5_000,
  series: 10_000,
  ranking: 10_000,
  monitoringSummary: 10_000,
  checkupSummary: 10_000,
  __schema: 5_000,
};
export const MAX_HEAVY_FIELDS = 10;
/** A page of a connection costs at least one SQL statement (two with totalCount), whatever it selects. */
const PAGE_COST = 100;
/** A page size when `first` is not given, and the fan-out assumed for a plain list field. */
const DEFAULT_FIRST = 100;
const LIST_FANOUT = 10;

export interface QueryMeasure {
  /** Depth without introspection (which MAX_DEPTH_WITH_INTROSPECTION bounds). */
  depth: number;
  cost: number;
  /** Heavy fields (HEAVY_FIELDS) the operation may resolve. */
  heavy: number;
}

const tooComplex = (message: string) =>
  new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 } } });

/**
 * Depth and estimated cost of an operation, before it runs. Every field costs 1 for each time it
 * may be resolved: a field with a `first` argument multiplies what is below it by that page size
 * (100 when absent), a plain list field by 10; the lists of a connection (edges, nodes) are
 * already counted by its `first`; a page also costs PAGE_COST and a heavy root field its weight.
 * Introspection is counted like any other field (its lists fan out by 10), but not in `depth`.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): QueryMeasure {
  const root =
    operation.operation === "mutation"
      ? schema.getMutationType()
      : operation.operation === "subscription"
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  let maxDepth = 0;
  let heavy = 0;
  const visit = (
    set: SelectionSetNode,
    type: GraphQLNamedType | null | undefined,
    depth: number,
    factor: number,
    seen: Set<string>,
  ): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue; // cycles are refused by graphql's own rules
        cost += visit(
          fragment.selectionSet,
          schema.getType(fragment.typeCondition.name.value),
          depth,
          factor,
          new Set([...seen, fragment.name.value]),
        );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : type;
        cost += visit(selection.selectionSet, inner, depth, factor, seen);
      } else {
        cost += visitField(selection, type, depth, factor, seen);
      }
    }
    return cost;
  };
  const visitField = (
    field: FieldNode,
    parent: GraphQLNamedType | null | undefined,
    depth: number,
    factor: number,
    seen: Set<string>,
  ): number => {
    const name = field.name.value;
    if (name === "__typename") return 0;
    const introspection = name.startsWith("__") || (parent?.name.startsWith("__") ?? false);
    if (!introspection) maxDepth = Math.max(maxDepth, depth);
    const definition = definitionOf(parent, name, parent === root);
    let cost = factor;
    if (parent === root && name in HEAVY_FIELDS) {
      heavy += factor;
      cost += HEAVY_FIELDS[name] * factor;
    }
    if (!definition || !field.selectionSet) return cost;
    let childFactor = factor;
    const firstArg = definition.args.find(a => a.name === "first");
    if (firstArg) {
      cost += PAGE_COST * factor;
      childFactor *= pageSize(field, variables);
    } else if (
      isListType(getNullableType(definition.type)) &&
      !parent!.name.endsWith("Connection")
    ) {
      childFactor *= LIST_FANOUT;
    }
    return (
      cost + visit(field.selectionSet, getNamedType(definition.type), depth + 1, childFactor, seen)
    );
  };
  const cost = root ? visit(operation.selectionSet, root, 1, 1, new Set()) : 0;
  return { depth: maxDepth, cost, heavy };
}

function definitionOf(
  parent: GraphQLNamedType | null | undefined,
  name: string,
  atRoot: boolean,
): GraphQLField<unknown, unknown> | undefined {
  // `__schema` and `__type` are not among the query type's fields, but are answered there.
  if (atRoot && name === "__schema") return SchemaMetaFieldDef;
  if (atRoot && name === "__type") return TypeMetaFieldDef;
  return parent && (isObjectType(parent) || isInterfaceType(parent))
    ? parent.getFields()[name]
    : undefined;
}

function pageSize(field: FieldNode, variables: Record<string, unknown>): number {
  const arg = field.arguments?.find(a => a.name.value === "first");
  const value = arg ? valueFromASTUntyped(arg.value, variables) : undefined;
  return typeof value === "number" && Number.isFinite(value)
    ? Math.min(Math.max(Math.trunc(value), 1), 1000)
    : DEFAULT_FIRST;
}

export const fragmentsOf = (document: DocumentNode) =>
  Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map(d => [d.name.value, d]),
  );

/** Validation rule: refuses an operation nested deeper than MAX_DEPTH, or with too many heavy fields, before it runs. */
export function depthLimitRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      const fragments = fragmentsOf(context.getDocument());
      const { depth, heavy } = measureOperation(context.getSchema(), operation, fragments);
      if (depth > MAX_DEPTH) {
        context.reportError(
          tooComplex(`The query is nested ${depth} levels deep; the limit is ${MAX_DEPTH}`),
        );
      }
      if (heavy > MAX_HEAVY_FIELDS) {
        context.reportError(
          tooComplex(
            `The query asks for ${heavy} analytics or schema fields (${Object.keys(HEAVY_FIELDS).join(", ")}); the limit is ${MAX_HEAVY_FIELDS} per request`,
          ),
        );
      }
    },
  };
}

/** graphql-armor rules report through the validation context, coded like ours, instead of throwing. */
const armorOptions = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, ""))),
  ],
};

/**
 * Every rule checked before an operation runs: ours (depth of the app's schema, heavy fields) and
 * graphql-armor's for aliases, directives, and depth with introspection counted (a 40-level
 * `ofType` nest is refused; the standard introspection query is not). Tokens are limited by the
 * parser (MAX_TOKENS, Apollo's `parseOptions`) and cost once variables are known (costLimitPlugin).
 */
export const validationRules: ValidationRule[] = [
  depthLimitRule,
  maxDepthRule({
    ...armorOptions,
    n: MAX_DEPTH_WITH_INTROSPECTION,
    ignoreIntrospection: false,
    flattenFragments: true,
  }),
  maxAliasesRule({ ...armorOptions, n: MAX_ALIASES }),
  maxDirectivesRule({ ...armorOptions, n: MAX_DIRECTIVES }),
];

/**
 * Costs already measured, per operation (Apollo keeps one parsed document per query text, so the
 * same operation node comes back on every repeat) and per variables: a repeated read does not
 * walk its document again. Weakly held with the document; at most COSTS_PER_OPERATION variable
 * sets are kept per operation (a client paging through offsets must not grow it without bound).
 */
const measuredCosts = new WeakMap<
  GraphQLSchema,
  WeakMap<OperationDefinitionNode, Map<string, number>>
>();
const COSTS_PER_OPERATION = 64;

function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  let bySchema = measuredCosts.get(schema);
  if (!bySchema) measuredCosts.set(schema, (bySchema = new WeakMap()));
  let costs = bySchema.get(operation);
  const key = JSON.stringify(variables);
  const known = costs?.get(key);
  if (known !== undefined) return known;
  const { cost } = measureOperation(schema, operation, fragmentsOf(document), variables);
  if (!costs) bySchema.set(operation, (costs = new Map()));
  if (costs.size >= COSTS_PER_OPERATION) costs.clear();
  costs.set(key, cost);
  return cost;
}

/** Checked once variables are known (page sizes often come in variables); throws QUERY_TOO_COMPLEX. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): void {
  const cost = costOf(schema, document, operation, variables);
  if (cost > MAX_COST) {
    throw tooComplex(
      `The query may resolve about ${cost} fields; the limit is ${MAX_COST}. Ask for smaller pages or fewer nested lists.`,
    );
  }
}

/** Apollo plugin: the cost check, after the operation is resolved and before it executes. */
export const costLimitPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        if (operation) checkCost(schema, document, operation, request.variables ?? {});
      },
    };
  },
};
