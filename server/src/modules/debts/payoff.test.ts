import { HORIZON_MONTHS, monthlyInterest, simulate, type PlanDebt } from './payoff';

/** Amounts in these tests are written in minor units (cents): 50_000n is 500.00. */
const debt = (
  id: number,
  name: string,
  balanceMinor: bigint,
  rate: [bigint, bigint],
  minimumMinor: bigint,
): PlanDebt => ({ id, name, balanceMinor, rateNum: rate[0], rateDen: rate[1], minimumMinor });

describe('monthly interest', () => {
  test('is balance * rate / 12, rounded half to even to the cent', () => {
    // 122.50 and 123.50 at 12 % a year: exactly half a cent over 1.22 and 1.23.
    expect(monthlyInterest(12_250n, 12n, 100n)).toBe(122n);
    expect(monthlyInterest(12_350n, 12n, 100n)).toBe(124n);
    // 1000.50 at 1.5 %: 1.250625 -> 1.25; 1000.00 at 18 %: 15.00 exactly.
    expect(monthlyInterest(100_050n, 15n, 1000n)).toBe(125n);
    expect(monthlyInterest(100_000n, 18n, 100n)).toBe(1500n);
  });
});

describe('payoff simulation', () => {
  test('a small loan, worked by hand', () => {
    // 1000.00 at 12 % (1 % a month), paying 300.00:
    // 1: +10.00 -> 1010.00 - 300 = 710.00   2: +7.10 -> 417.10
    // 3: +4.171 -> 4.17 -> 121.27           4: +1.2127 -> 1.21 -> 122.48, paid in full
    const plan = simulate([debt(1, 'Loan', 100_000n, [12n, 100n], 30_000n)], 'SNOWBALL', 0n);
    expect(plan.months).toBe(4);
    expect(plan.paidOff).toBe(true);
    expect(plan.totalInterestMinor).toBe(1000n + 710n + 417n + 121n);
    expect(plan.schedule.map((m) => m.balancesMinor[0])).toEqual([71_000n, 41_710n, 12_127n, 0n]);
    expect(plan.schedule.map((m) => m.paymentMinor)).toEqual([30_000n, 30_000n, 30_000n, 12_248n]);
  });

  test('an annuity agrees with the closed form to within rounding', () => {
    // 10,000.00 at 6 % over 36 months: P = B i / (1 - (1 + i)^-36) = 304.2194 -> 304.22.
    const i = 0.06 / 12;
    const exact = (10_000 * i) / (1 - (1 + i) ** -36);
    const payment = BigInt(Math.ceil(exact * 100));
    expect(payment).toBe(30_422n);
    const plan = simulate([debt(1, 'Car', 1_000_000n, [6n, 100n], payment)], null, 0n);
    expect(plan.months).toBe(36);
    // Closed form interest: 36 * P - B with the exact P; each month rounds by at most half a cent.
    const closedInterest = 36 * exact - 10_000;
    expect(Math.abs(Number(plan.totalInterestMinor) / 100 - closedInterest)).toBeLessThan(0.36);
    // To the cent, as recomputed month by month with Python's decimal module (ROUND_HALF_EVEN).
    expect(plan.totalInterestMinor).toBe(95_188n);
  });

  // A: 500.00 at 0 %, minimum 50.00; B: 1000.00 at 12 %, minimum 100.00; extra 100.00 a month.
  const pair = () => [
    debt(1, 'A', 50_000n, [0n, 1n], 5_000n),
    debt(2, 'B', 100_000n, [12n, 100n], 10_000n),
  ];

  test('snowball pays the smallest balance first, worked by hand', () => {
    // B's interest: 10.00, 9.10, 8.19 (8.191), 7.27 (7.2729); A is paid in month 4; then B
    // takes all 250.00: 5.35 (5.3456), 2.90 (2.8991), 0.43 (0.4281) and is paid in month 7.
    const plan = simulate(pair(), 'SNOWBALL', 10_000n);
    expect(plan.months).toBe(7);
    expect(plan.totalInterestMinor).toBe(1000n + 910n + 819n + 727n + 535n + 290n + 43n);
    expect(plan.debts).toEqual([
      { id: 1, payoffMonth: 4, interestMinor: 0n, order: 1 },
      { id: 2, payoffMonth: 7, interestMinor: 4324n, order: 2 },
    ]);
    expect(plan.schedule[6].paymentMinor).toBe(4324n);
  });

  test('avalanche pays the highest rate first, worked by hand', () => {
    // B takes 200.00 a month: 10.00, 8.10, 6.18 (6.181), 4.24 (4.2428), 2.29 (2.2852),
    // 0.31 (0.3081) and is paid in month 6; A (down to 200.00) then takes the rest.
    const plan = simulate(pair(), 'AVALANCHE', 10_000n);
    expect(plan.months).toBe(7);
    expect(plan.totalInterestMinor).toBe(1000n + 810n + 618n + 424n + 229n + 31n);
    expect(plan.debts.map((d) => [d.id, d.payoffMonth, d.order])).toEqual([
      [1, 7, 2],
      [2, 6, 1],
    ]);
    expect(plan.schedule[5].balancesMinor).toEqual([3112n, 0n]);
  });

  test('minimums only: no extra, no roll-over', () => {
    const plan = simulate(pair(), null, 10_000n);
    expect(plan.debts[0].payoffMonth).toBe(10);
    // B alone at 100.00 a month: after 10 months 1000 * 1.01^10 - 100 * (1.01^10 - 1) / 0.01
    // = 58.40 left, 58.99 with its interest paid in month 11; interest = 1058.99 - 1000.
    expect(plan.debts[1].payoffMonth).toBe(11);
    const closed = 1000 * 1.01 ** 10 - (100 * (1.01 ** 10 - 1)) / 0.01;
    const closedInterest = 10 * 100 + closed * 1.01 - 1000;
    expect(Math.abs(Number(plan.totalInterestMinor) / 100 - closedInterest)).toBeLessThan(0.05);
    // To the cent (Python's decimal, ROUND_HALF_EVEN, month by month): 58.98, all of it B's.
    expect(plan.totalInterestMinor).toBe(5_898n);
    expect(plan.debts.map((d) => d.interestMinor)).toEqual([0n, 5_898n]);
    expect(plan.months).toBe(11);
  });

  test('a minimum that does not cover the interest never ends, and the loop stops', () => {
    // 1000.00 at 24 %: 20.00 interest a month against a 20.00 minimum.
    const flat = simulate([debt(1, 'Card', 100_000n, [24n, 100n], 2_000n)], 'AVALANCHE', 0n);
    expect(flat.paidOff).toBe(false);
    expect(flat.months).toBe(HORIZON_MONTHS);
    expect(flat.debts[0].payoffMonth).toBeNull();
    expect(flat.schedule[HORIZON_MONTHS - 1].balancesMinor[0]).toBe(100_000n);
    // Below the interest the balance grows without end: stopped once it outgrows any amount.
    const growing = simulate([debt(1, 'Card', 100_000n, [1n, 1n], 100n)], 'AVALANCHE', 0n);
    expect(growing.paidOff).toBe(false);
    expect(growing.months).toBeLessThan(HORIZON_MONTHS);
    // The same card with 10.00 extra a month is paid off: in 56 months with 664.43 of interest
    // (the annuity n = -ln(1 - 0.02 * 1000 / 30) / ln(1.02) = 55.5; the cents recomputed with
    // Python's decimal module).
    const paid = simulate([debt(1, 'Card', 100_000n, [24n, 100n], 2_000n)], 'AVALANCHE', 1_000n);
    expect(paid).toMatchObject({ paidOff: true, months: 56, totalInterestMinor: 66_443n });
  });

  test('no debts: nothing to simulate', () => {
    expect(simulate([], 'SNOWBALL', 10_000n)).toMatchObject({ months: 0, paidOff: true });
  });
});
