/**
 * The arithmetic of splitting, in integer minor units and with no database: how an amount is
 * shared, what each member's balance is, and who pays whom to settle up.
 *
 * Members are always taken in the group's member order (position, then id). That order is the
 * tie-break everywhere, so that the same input gives the same parts and the same suggestions.
 */

export interface Weighted {
  memberId: number;
  /** A non-negative integer; the part is proportional to it. */
  weight: bigint;
}

/**
 * Shares `total` in proportion to the weights so that the parts add up to `total` exactly
 * (largest remainder method): each member first gets floor(total * w / W); the minor units left
 * over go one each to the members with the largest remainders, ties to the earlier member in
 * the given order. 10.00 in three equal weights is 3.34 + 3.33 + 3.33.
 */
export function allocate(total: bigint, weights: Weighted[]): Map<number, bigint> {
  const sum = weights.reduce((s, w) => s + w.weight, 0n);
  if (sum <= 0n) throw new Error('allocate needs a positive total weight');
  const parts = weights.map((w, order) => ({
    memberId: w.memberId,
    order,
    part: (total * w.weight) / sum,
    remainder: (total * w.weight) % sum,
  }));
  let leftover = total - parts.reduce((s, p) => s + p.part, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.order - b.order : a.remainder > b.remainder ? -1 : 1,
  );
  for (const p of byRemainder) {
    if (leftover === 0n) break;
    p.part += 1n;
    leftover -= 1n;
  }
  return new Map(parts.map((p) => [p.memberId, p.part]));
}

export interface BalanceEntry {
  memberId: number;
  balance: bigint;
}

export interface Ledgerish {
  /** What each expense's payer paid, and each member's part of it. */
  expenses: { paidBy: number; amount: bigint; parts: Map<number, bigint> }[];
  settlements: { from: number; to: number; amount: bigint }[];
}

/** Money into (+) or out of (-) a member's position in the group. */
export interface Movement {
  memberId: number;
  amount: bigint;
}

/**
 * A payer is owed what they paid, a member owes their part; paying back raises the payer's
 * balance and lowers the receiver's.
 */
export function movementsOf(records: Ledgerish): Movement[] {
  return [
    ...records.expenses.flatMap((e) => [
      { memberId: e.paidBy, amount: e.amount },
      ...[...e.parts].map(([memberId, part]) => ({ memberId, amount: -part })),
    ]),
    ...records.settlements.flatMap((s) => [
      { memberId: s.from, amount: s.amount },
      { memberId: s.to, amount: -s.amount },
    ]),
  ];
}

/**
 * Each member's balance, in member order. Positive: the member is owed money. The balances of a
 * group add up to zero, because every expense's parts add up to its amount.
 */
export function balances(memberIds: number[], movements: Movement[]): BalanceEntry[] {
  const balance = new Map(memberIds.map((id) => [id, 0n]));
  for (const m of movements) balance.set(m.memberId, (balance.get(m.memberId) ?? 0n) + m.amount);
  return memberIds.map((memberId) => ({ memberId, balance: balance.get(memberId) ?? 0n }));
}

export interface Transfer {
  from: number;
  to: number;
  amount: bigint;
}

/**
 * Transfers that settle every balance: debtors and creditors, each in member order (not by
 * amount), matched greedily. Lay the debts end to end on one line and the credits on another:
 * each transfer is the overlap of one debtor's stretch with one creditor's. Paying a suggested
 * transfer removes the same stretch from both lines, so every other overlap stays as it was: the
 * remaining suggestions do not change (sorting by amount would reshuffle them). Each transfer
 * closes at least one member, and the last closes two, so there are at most n - 1.
 */
export function settleUp(entries: BalanceEntry[]): Transfer[] {
  const debtors = entries.filter((e) => e.balance < 0n).map((e) => ({ ...e, left: -e.balance }));
  const creditors = entries.filter((e) => e.balance > 0n).map((e) => ({ ...e, left: e.balance }));
  const transfers: Transfer[] = [];
  let d = 0;
  let c = 0;
  while (d < debtors.length && c < creditors.length) {
    const amount = debtors[d].left < creditors[c].left ? debtors[d].left : creditors[c].left;
    transfers.push({ from: debtors[d].memberId, to: creditors[c].memberId, amount });
    debtors[d].left -= amount;
    creditors[c].left -= amount;
    if (debtors[d].left === 0n) d++;
    if (creditors[c].left === 0n) c++;
  }
  return transfers;
}
