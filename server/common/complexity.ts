import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError, getNamedType, getNullableType, isListType, isObjectType, isInterfaceType, Kind, valueFromASTUntyped,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, type GraphQLNamedType,
  type SelectionSetNode, type ValidationContext, type ASTVisitor, type OperationDefinitionNode,
} from 'graphql';

/** Limits on one operation, chosen well above what the web app asks (its heaviest query, 1000 check-ups a page, costs ~36k). */
export const MAX_DEPTH = 12;
export const MAX_COST = 250_000;
/** A page size when `first` is not given, and the fan-out assumed for a plain list field. */
const DEFAULT_FIRST = 100;
const LIST_FANOUT = 10;

export interface QueryMeasure { depth: number; cost: number }

const tooComplex = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });

/**
 * Depth and estimated cost of an operation, before it runs. Every field costs 1 for each time it
 * may be resolved: a field with a `first` argument multiplies what is below it by that page size
 * (100 when absent), a plain list field by 10; the lists of a connection (edges, nodes) are
 * already counted by its `first`. Introspection (`__schema`, `__type`) is free.
 */
export function measureOperation(
  schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): QueryMeasure {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  let maxDepth = 0;
  const visit = (set: SelectionSetNode, type: GraphQLNamedType | null | undefined, depth: number, factor: number, seen: Set<string>): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue; // cycles are refused by graphql's own rules
        cost += visit(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), depth, factor, new Set([...seen, fragment.name.value]));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        cost += visit(selection.selectionSet, inner, depth, factor, seen);
      } else {
        cost += visitField(selection, type, depth, factor, seen);
      }
    }
    return cost;
  };
  const visitField = (field: FieldNode, parent: GraphQLNamedType | null | undefined, depth: number, factor: number, seen: Set<string>): number => {
    if (field.name.value.startsWith('__')) return 0;
    maxDepth = Math.max(maxDepth, depth);
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
    if (!definition || !field.selectionSet) return factor;
    let childFactor = factor;
    const firstArg = definition.args.find((a) => a.name === 'first');
    if (firstArg) childFactor *= pageSize(field, variables);
    else if (isListType(getNullableType(definition.type)) && !parent!.name.endsWith('Connection')) childFactor *= LIST_FANOUT;
    return factor + visit(field.selectionSet, getNamedType(definition.type), depth + 1, childFactor, seen);
  };
  const cost = root ? visit(operation.selectionSet, root, 1, 1, new Set()) : 0;
  return { depth: maxDepth, cost };
}

function pageSize(field: FieldNode, variables: Record<string, unknown>): number {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  const value = arg ? valueFromASTUntyped(arg.value, variables) : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 1), 1000) : DEFAULT_FIRST;
}

export const fragmentsOf = (document: DocumentNode) =>
  Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));

/** Validation rule: refuses an operation nested deeper than MAX_DEPTH before it runs. */
export function depthLimitRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      const fragments = fragmentsOf(context.getDocument());
      const { depth } = measureOperation(context.getSchema(), operation, fragments);
      if (depth > MAX_DEPTH) context.reportError(tooComplex(`The query is nested ${depth} levels deep; the limit is ${MAX_DEPTH}`));
    },
  };
}

/** Checked once variables are known (page sizes often come in variables); throws QUERY_TOO_COMPLEX. */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const { cost } = measureOperation(schema, operation, fragmentsOf(document), variables);
  if (cost > MAX_COST) throw tooComplex(`The query may resolve about ${cost} fields; the limit is ${MAX_COST}. Ask for smaller pages or fewer nested lists.`);
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
