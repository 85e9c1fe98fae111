import { goalProblems } from '../goals/GoalForm';
import { debtProblems } from './DebtForm';

describe('the debt and goal forms mirror the API before sending', () => {
  const debt = { name: 'Card', balance: '500', annualRate: '19.9', minimumPayment: '25' };

  test('a debt by hand needs a name, a balance, a rate from 0 to 100 % and a minimum', () => {
    expect(debtProblems(debt, 'USD', false)).toEqual({});
    expect(
      Object.keys(
        debtProblems(
          { name: ' ', balance: '-5', annualRate: '150', minimumPayment: '0' },
          'USD',
          false,
        ),
      ),
    ).toEqual(['name', 'balance', 'annualRate', 'minimumPayment']);
    // Cents beyond the currency's digits: JPY has none.
    expect(debtProblems({ ...debt, minimumPayment: '25.5' }, 'JPY', false)).toHaveProperty(
      'minimumPayment',
    );
  });

  test("an account's debt takes its name and balance from the account", () => {
    expect(debtProblems({ annualRate: '5', minimumPayment: '100' }, 'USD', true)).toEqual({});
  });

  test('a goal needs a name and a positive target, and no date in the past', () => {
    const goal = { name: 'Car', targetAmount: '5000', currency: 'USD' };
    expect(goalProblems({ ...goal, targetDate: '2026-12-01' }, '2026-12-01')).toEqual({});
    expect(goalProblems({ ...goal, targetDate: '2026-11-30' }, '2026-12-01')).toEqual({
      targetDate: 'Choose a date from today on',
    });
    expect(Object.keys(goalProblems({ name: '', targetAmount: '0' }, '2026-12-01'))).toEqual([
      'name',
      'targetAmount',
    ]);
  });
});
