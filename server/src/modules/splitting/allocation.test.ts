import fc from 'fast-check';
import { fromMinor } from '../../lib/money';
import { allocate, balances, movementsOf, settleUp, type BalanceEntry } from './allocation';
import { SplitMethod } from './group-expense.entity';
import type { GroupMember } from './group.entity';
import { planSplit } from './split-input';

const member = (id: number): GroupMember =>
  ({ id, name: `M${id}`, position: id, groupId: 1 }) as GroupMember;

describe('allocate', () => {
  it('gives the leftover minor unit to the first member: 10.00 / 3 = 3.34 + 3.33 + 3.33', () => {
    const parts = allocate(
      1000n,
      [1, 2, 3].map((memberId) => ({ memberId, weight: 1n })),
    );
    expect([...parts.values()]).toEqual([334n, 333n, 333n]);
  });

  it('gives leftovers to the largest remainders before member order', () => {
    // 1.00 by shares 1:2:2 -> 20, 40, 40 exactly; 1.01 -> 20.2, 40.4, 40.4: +1 to member 2.
    const parts = allocate(101n, [
      { memberId: 1, weight: 1n },
      { memberId: 2, weight: 2n },
      { memberId: 3, weight: 2n },
    ]);
    expect([...parts.entries()]).toEqual([
      [1, 20n],
      [2, 41n],
      [3, 40n],
    ]);
  });
});

describe('settleUp', () => {
  it('matches debtors and creditors in member order', () => {
    const entries: BalanceEntry[] = [
      { memberId: 1, balance: -5000n },
      { memberId: 2, balance: 6000n },
      { memberId: 3, balance: -3000n },
      { memberId: 4, balance: 2000n },
    ];
    expect(settleUp(entries)).toEqual([
      { from: 1, to: 2, amount: 5000n },
      { from: 3, to: 2, amount: 1000n },
      { from: 3, to: 4, amount: 2000n },
    ]);
  });
});

const methods = fc.constantFrom(
  SplitMethod.EQUAL,
  SplitMethod.SHARES,
  SplitMethod.EXACT,
  SplitMethod.PERCENT,
);

/** A random group, a random amount and a valid split of it by a random method. */
const expenseArb = fc
  .record({
    size: fc.integer({ min: 1, max: 8 }),
    amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    method: methods,
    seed: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 8, maxLength: 8 }),
    payer: fc.nat(),
  })
  .map(({ size, amount, method, seed, payer }) => {
    const members = Array.from({ length: size }, (_, i) => member(i + 1));
    const weights = seed.slice(0, size).map(BigInt);
    let values: (string | null)[];
    if (method === SplitMethod.EXACT) {
      // Exact parts that add up to the amount: the amount allocated by the random weights.
      const parts = allocate(
        amount,
        weights.map((weight, i) => ({ memberId: i, weight })),
      );
      values = [...parts.values()].map((p) => fromMinor(p, 2));
    } else if (method === SplitMethod.PERCENT) {
      const scaled = allocate(
        1_000_000n,
        weights.map((weight, i) => ({ memberId: i, weight })),
      );
      values = [...scaled.values()].map((p) => fromMinor(p, 4));
    } else {
      values = weights.map((w) => (method === SplitMethod.SHARES ? String(w) : null));
    }
    return { members, amount, method, values, payer: members[payer % size].id };
  })
  // A part of zero cannot be entered as an exact or a percent value.
  .filter(
    ({ method, values }) =>
      method === SplitMethod.EQUAL ||
      method === SplitMethod.SHARES ||
      values.every((v) => /[1-9]/.test(String(v))),
  );

describe('splits, balances and settle-up, for random groups', () => {
  it('parts add up exactly, balances sum to zero, transfers settle everything in n - 1', () => {
    fc.assert(
      fc.property(fc.array(expenseArb, { minLength: 1, maxLength: 6 }), (expenses) => {
        // One group of the largest size; each expense splits among its own first members.
        const size = Math.max(...expenses.map((e) => e.members.length));
        const ids = Array.from({ length: size }, (_, i) => i + 1);
        const records = expenses.map((e) => {
          const plan = planSplit({
            method: e.method,
            splits: e.members.map((m, i) => ({ memberId: String(m.id), value: e.values[i] })),
            members: e.members,
            amountMinor: e.amount,
            amountDigits: 2,
            groupAmount: e.amount,
          });
          const sum = plan.parts.reduce((s, p) => s + p.amountMinor, 0n);
          expect(sum).toBe(e.amount);
          if (e.method === SplitMethod.EXACT) {
            expect(plan.parts.map((p) => p.amountMinor)).toEqual(
              e.values.map((v) => BigInt(String(v).replace('.', ''))),
            );
          }
          return {
            paidBy: e.payer,
            amount: e.amount,
            parts: new Map(plan.parts.map((p) => [p.member.id, p.amountMinor])),
          };
        });
        const entries = balances(ids, movementsOf({ expenses: records, settlements: [] }));
        expect(entries.reduce((s, e) => s + e.balance, 0n)).toBe(0n);
        const transfers = settleUp(entries);
        expect(transfers.length).toBeLessThanOrEqual(Math.max(size - 1, 0));
        expect(transfers.every((t) => t.amount > 0n)).toBe(true);
        const after = balances(ids, movementsOf({ expenses: records, settlements: transfers }));
        expect(after.every((e) => e.balance === 0n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('recording any one suggested transfer leaves the other suggestions unchanged', () => {
    const balancesArb = fc
      .array(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), { minLength: 2, maxLength: 10 })
      .map((values) => {
        // Make them sum to zero by giving the last member the rest.
        const rest = values.slice(0, -1).reduce((s, v) => s + v, 0n);
        return [...values.slice(0, -1), -rest].map((balance, i) => ({
          memberId: i + 1,
          balance,
        }));
      });
    fc.assert(
      fc.property(balancesArb, fc.nat(), (entries, pick) => {
        const transfers = settleUp(entries);
        if (transfers.length === 0) return;
        const paid = transfers[pick % transfers.length];
        const after = entries.map((e) => ({
          ...e,
          balance:
            e.balance +
            (e.memberId === paid.from ? paid.amount : 0n) -
            (e.memberId === paid.to ? paid.amount : 0n),
        }));
        expect(settleUp(after)).toEqual(transfers.filter((t) => t !== paid));
      }),
      { numRuns: 500 },
    );
  });
});
