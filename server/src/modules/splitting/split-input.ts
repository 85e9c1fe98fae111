import { badInput } from '../../errors';
import { toMinor } from '../../lib/money';
import { requireAmount } from '../../lib/validate';
import { allocate, type Weighted } from './allocation';
import { SplitMethod } from './group-expense.entity';
import type { GroupMember } from './group.entity';

export interface SplitFields {
  memberId?: unknown;
  value?: unknown;
}

/** Shares and percents may have up to four decimals ("33.3333" %, "1.5" shares). */
const RATIO_DIGITS = 4;
const HUNDRED_PERCENT = 100n * 10n ** BigInt(RATIO_DIGITS);

export interface SplitPlan {
  /** Each sharing member's part in the group's currency, in member order. */
  parts: { member: GroupMember; value: string | null; amountMinor: bigint }[];
}

/**
 * Turns the entered splits into parts of `groupAmount` that add up to it exactly. Every method
 * becomes integer weights shared by the largest remainder (allocation.ts): EQUAL weighs each
 * member 1; SHARES and PERCENT weigh the numbers entered; EXACT weighs the exact amounts, which
 * must add up to the amount as paid (in its currency): when that is the group's currency the
 * parts are those amounts, otherwise they are the converted amount shared in the same proportion.
 */
export function planSplit(options: {
  method: unknown;
  splits: unknown;
  members: GroupMember[];
  amountMinor: bigint;
  amountDigits: number;
  groupAmount: bigint;
}): SplitPlan {
  const method = options.method as SplitMethod;
  if (!Object.values(SplitMethod).includes(method)) {
    throw badInput('method', 'Method must be EQUAL, SHARES, EXACT or PERCENT');
  }
  const entries = Array.isArray(options.splits) ? (options.splits as SplitFields[]) : [];
  const byId = new Map(options.members.map((m) => [m.id, m]));
  const chosen = new Map<number, { index: number; value: unknown }>();
  entries.forEach((entry, index) => {
    const id = Number(entry?.memberId);
    const member = Number.isSafeInteger(id) ? byId.get(id) : undefined;
    if (!member) throw badInput(`splits.${index}.memberId`, 'Not a member of this group');
    if (chosen.has(member.id)) {
      throw badInput(`splits.${index}.memberId`, `${member.name} is listed twice`);
    }
    chosen.set(member.id, { index, value: entry.value });
  });
  if (chosen.size === 0) {
    if (method !== SplitMethod.EQUAL) throw badInput('splits', 'Choose who shares the expense');
    options.members.forEach((m, index) => chosen.set(m.id, { index, value: null }));
  }
  // Member order, not input order: the tie-break of the leftover minor units.
  const sharing = options.members.filter((m) => chosen.has(m.id));
  const weights: Weighted[] = [];
  const values = new Map<number, string | null>();
  for (const member of sharing) {
    const { index, value } = chosen.get(member.id)!;
    const field = `splits.${index}.value`;
    let weight = 1n;
    if (method === SplitMethod.EXACT) {
      weight = requireAmount(
        typeof value === 'number' ? String(value) : value,
        field,
        `${member.name}'s part`,
        options.amountDigits,
        'positive',
      );
    } else if (method !== SplitMethod.EQUAL) {
      weight = requireRatio(value, field, method === SplitMethod.SHARES ? 'Shares' : 'Percent');
    }
    weights.push({ memberId: member.id, weight });
    values.set(member.id, method === SplitMethod.EQUAL ? null : String(value).trim());
  }
  const total = weights.reduce((s, w) => s + w.weight, 0n);
  if (method === SplitMethod.PERCENT && total !== HUNDRED_PERCENT) {
    throw badInput('splits', `Percentages must add up to 100, not ${formatRatio(total)}`);
  }
  if (method === SplitMethod.EXACT && total !== options.amountMinor) {
    throw badInput('splits', 'The exact parts must add up to the amount');
  }
  const parts = allocate(options.groupAmount, weights);
  return {
    parts: sharing.map((member) => ({
      member,
      value: values.get(member.id) ?? null,
      amountMinor: parts.get(member.id) ?? 0n,
    })),
  };
}

function requireRatio(value: unknown, field: string, label: string): bigint {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  if (text.trim() === '') throw badInput(field, `${label} is required`);
  const parsed = toMinor(text.trim(), RATIO_DIGITS);
  if (!parsed.ok) throw badInput(field, `${label} ${parsed.reason}`);
  if (parsed.minor <= 0n) throw badInput(field, `${label} must be greater than 0`);
  return parsed.minor;
}

function formatRatio(scaled: bigint): string {
  const whole = scaled / 10n ** BigInt(RATIO_DIGITS);
  const fraction = (scaled % 10n ** BigInt(RATIO_DIGITS)).toString().padStart(RATIO_DIGITS, '0');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${whole}.${trimmed}` : String(whole);
}
