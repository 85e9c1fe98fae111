import {
  GraphQLError,
  Kind,
  visit,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * Bounds on what one document may ask for (OWASP GraphQL cheat sheet; graphql-armor's
 * defaults): nesting depth, aliases, and the number of fields once fragments are expanded.
 * The parser's token limit and the body size limit stop oversized documents before these run.
 *
 * Introspection (`__schema`, `__type`) is measured on its own budget: the standard schema query
 * that GraphiQL and codegen send (`getIntrospectionQuery()`) is 14 levels deep and asks for about
 * 230 fields, which data queries must not be allowed. Only introspection types can sit under
 * those fields, so the separate budget opens no way around the data limits; graphql-js's own
 * MaxIntrospectionDepthRule (in Apollo's rules) stops the `fields { type { fields ...` recursion.
 */
export const LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxFields: 500,
  maxTokens: 5000,
  maxIntrospectionDepth: 15,
  maxIntrospectionFields: 300,
};

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

function refuse(context: ValidationContext, message: string): void {
  context.reportError(new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } }));
}

interface Totals {
  depth: number;
  fields: number;
}

interface Measured {
  data: Totals;
  introspection: Totals;
}

/**
 * Walks a selection set with its fragments expanded, each fragment at most once per path. Fields
 * at or under an introspection root count on `introspection`, the rest on `data`.
 */
function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  depth: number,
  seen: Set<string>,
  totals: Measured,
  inIntrospection: boolean,
): void {
  for (const selection of selectionSet.selections) {
    if (
      totals.data.fields > LIMITS.maxFields ||
      totals.introspection.fields > LIMITS.maxIntrospectionFields
    ) {
      return;
    }
    if (selection.kind === Kind.FIELD) {
      const introspection = inIntrospection || INTROSPECTION_ROOTS.has(selection.name.value);
      const bucket = introspection ? totals.introspection : totals.data;
      bucket.fields += 1;
      if (selection.selectionSet) {
        bucket.depth = Math.max(bucket.depth, depth + 1);
        measure(selection.selectionSet, fragments, depth + 1, seen, totals, introspection);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      measure(selection.selectionSet, fragments, depth, seen, totals, inIntrospection);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment && !seen.has(fragment.name.value)) {
        measure(
          fragment.selectionSet,
          fragments,
          depth,
          new Set([...seen, fragment.name.value]),
          totals,
          inIntrospection,
        );
      }
    }
  }
}

export function operationLimitsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      const fragments = Object.fromEntries(
        context
          .getDocument()
          .definitions.filter(
            (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
          )
          .map((d) => [d.name.value, d]),
      );
      const totals: Measured = {
        data: { depth: 0, fields: 0 },
        introspection: { depth: 0, fields: 0 },
      };
      measure(operation.selectionSet, fragments, 0, new Set(), totals, false);
      // Aliases as written, counted without expanding fragments, so the count is exact. They
      // multiply work in introspection as much as in data, so one count covers both.
      let aliases = 0;
      visit(context.getDocument(), {
        Field(node) {
          if (node.alias) aliases += 1;
        },
      });
      const { data, introspection } = totals;
      if (data.depth > LIMITS.maxDepth) {
        refuse(
          context,
          `Query is nested ${data.depth} levels deep; the limit is ${LIMITS.maxDepth}`,
        );
      }
      if (introspection.depth > LIMITS.maxIntrospectionDepth) {
        refuse(
          context,
          `Introspection is nested ${introspection.depth} levels deep; the limit is ${LIMITS.maxIntrospectionDepth}`,
        );
      }
      if (aliases > LIMITS.maxAliases) {
        refuse(context, `Query uses ${aliases} aliases; the limit is ${LIMITS.maxAliases}`);
      }
      if (data.fields > LIMITS.maxFields) {
        refuse(context, `Query asks for more than ${LIMITS.maxFields} fields`);
      }
      if (introspection.fields > LIMITS.maxIntrospectionFields) {
        refuse(context, `Introspection asks for more than ${LIMITS.maxIntrospectionFields} fields`);
      }
    },
  };
}
