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
 */
export const LIMITS = { maxDepth: 10, maxAliases: 15, maxFields: 500, maxTokens: 5000 };

function refuse(context: ValidationContext, message: string): void {
  context.reportError(new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } }));
}

/** Walks a selection set with its fragments expanded, each fragment at most once per path. */
function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  depth: number,
  seen: Set<string>,
  totals: { depth: number; fields: number },
): void {
  for (const selection of selectionSet.selections) {
    if (totals.fields > LIMITS.maxFields) return;
    if (selection.kind === Kind.FIELD) {
      totals.fields += 1;
      if (selection.selectionSet) {
        totals.depth = Math.max(totals.depth, depth + 1);
        measure(selection.selectionSet, fragments, depth + 1, seen, totals);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      measure(selection.selectionSet, fragments, depth, seen, totals);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment && !seen.has(fragment.name.value)) {
        measure(
          fragment.selectionSet,
          fragments,
          depth,
          new Set([...seen, fragment.name.value]),
          totals,
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
      const totals = { depth: 0, fields: 0 };
      measure(operation.selectionSet, fragments, 0, new Set(), totals);
      // Aliases as written, counted without expanding fragments, so the count is exact.
      let aliases = 0;
      visit(context.getDocument(), {
        Field(node) {
          if (node.alias) aliases += 1;
        },
      });
      if (totals.depth > LIMITS.maxDepth) {
        refuse(
          context,
          `Query is nested ${totals.depth} levels deep; the limit is ${LIMITS.maxDepth}`,
        );
      }
      if (aliases > LIMITS.maxAliases) {
        refuse(context, `Query uses ${aliases} aliases; the limit is ${LIMITS.maxAliases}`);
      }
      if (totals.fields > LIMITS.maxFields) {
        refuse(context, `Query asks for more than ${LIMITS.maxFields} fields`);
      }
    },
  };
}
