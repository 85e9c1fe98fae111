/** A rule ready to test rows against: lower-cased match, amounts in minor units. */
export interface CompiledRule {
  id: number;
  matchKey: string;
  categoryName: string;
  accountId: number | null;
  currency: string | null;
  minAmountMinor: number | null;
  maxAmountMinor: number | null;
}

/** What a rule looks at in a transaction. */
export interface RuleSubject {
  description: string;
  payee: string | null;
  amountMinor: number;
  currency: string;
  accountId: number;
}

const hasRange = (r: CompiledRule) => r.minAmountMinor !== null || r.maxAmountMinor !== null;

/**
 * Most specific first, so that the first match wins: a rule tied to an account before one for
 * every account, then one with an amount range before one without, then the longer match
 * ("amazon prime" before "amazon"), then the older rule (a stable order the user can predict).
 */
export function byPrecedence(a: CompiledRule, b: CompiledRule): number {
  return (
    Number(b.accountId !== null) - Number(a.accountId !== null) ||
    Number(hasRange(b)) - Number(hasRange(a)) ||
    b.matchKey.length - a.matchKey.length ||
    a.id - b.id
  );
}

export function ruleMatches(rule: CompiledRule, row: RuleSubject): boolean {
  if (rule.accountId !== null && rule.accountId !== row.accountId) return false;
  if (hasRange(rule)) {
    // A range is in one currency; amounts in another are not comparable without a rate.
    if (row.currency !== rule.currency) return false;
    if (rule.minAmountMinor !== null && row.amountMinor < rule.minAmountMinor) return false;
    if (rule.maxAmountMinor !== null && row.amountMinor > rule.maxAmountMinor) return false;
  }
  return (
    row.description.toLowerCase().includes(rule.matchKey) ||
    (row.payee !== null && row.payee.toLowerCase().includes(rule.matchKey))
  );
}

/** The category of the first rule (in precedence order) that matches; null when none does. */
export function firstMatch(sorted: CompiledRule[], row: RuleSubject): string | null {
  for (const rule of sorted) if (ruleMatches(rule, row)) return rule.categoryName;
  return null;
}
