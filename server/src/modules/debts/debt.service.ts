import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { badInput, notFound } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { addMonths, currentMonth, monthRange, today } from '../../lib/dates';
import { parseId } from '../../lib/ids';
import { money } from '../../lib/money';
import { requireAmount, requireText } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { AccountType } from '../ledger/account.entity';
import type { AccountService } from '../ledger/account.service';
import type { CurrencyConverter } from '../ledger/conversion';
import { requireCurrency } from '../ledger/currency';
import { requireAnnualRate } from './annual-rate';
import { Debt } from './debt.entity';
import type { DebtView, PayoffPlan, PayoffStrategy } from './debt.types';
import { monthlyInterest, simulate, type PlanDebt, type PlanResult } from './payoff';

const NAME_MAX = 100;
const DEBT_ACCOUNT_TYPES: string[] = [AccountType.LOAN, AccountType.CREDIT_CARD];

export interface DebtFields {
  name?: unknown;
  balance?: unknown;
  annualRate?: unknown;
  minimumPayment?: unknown;
  currency?: unknown;
}

export interface AccountDebtFields {
  accountId?: unknown;
  name?: unknown;
  annualRate?: unknown;
  minimumPayment?: unknown;
}

/** A debt with its balance now (an account's is read from the ledger). */
interface CurrentDebt {
  debt: Debt;
  balanceMinor: bigint;
  accountName: string | null;
}

/** Debts to pay off, and the payoff planner over them (the simulation itself is payoff.ts). */
export class DebtService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly rates: CurrencyConverter,
  ) {}

  async list(ledgerId: number): Promise<DebtView[]> {
    return (await this.current(ledgerId)).map((row) => this.view(row));
  }

  create(scope: LedgerScope, fields: DebtFields): Promise<DebtView> {
    const values = this.validateManual(scope, fields);
    return inTransaction(this.dataSource, async (manager) => {
      const now = new Date();
      const debt = manager.create(Debt, {
        ...values,
        ledgerId: scope.ledgerId,
        accountId: null,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Debt, debt);
      return this.view({ debt, balanceMinor: BigInt(debt.balanceMinor), accountName: null });
    });
  }

  update(scope: LedgerScope, id: string, fields: DebtFields): Promise<DebtView> {
    const values = this.validateManual(scope, fields);
    return inTransaction(this.dataSource, async (manager) => {
      const debt = await this.get(scope.ledgerId, id, manager);
      if (debt.accountId !== null) {
        throw badInput('id', 'This debt follows an account: change it with updateAccountDebt');
      }
      Object.assign(debt, values, { updatedAt: new Date() });
      await manager.save(Debt, debt);
      return this.view({ debt, balanceMinor: BigInt(debt.balanceMinor), accountName: null });
    });
  }

  createFromAccount(scope: LedgerScope, fields: AccountDebtFields): Promise<DebtView> {
    return this.writeAccountDebt(scope, null, fields);
  }

  updateFromAccount(scope: LedgerScope, id: string, fields: AccountDebtFields): Promise<DebtView> {
    return this.writeAccountDebt(scope, id, fields);
  }

  /**
   * A debt of a restore (export/portable.ts), by the rules of `create` or, when it follows an
   * account (an id of the restore's accounts), of `createFromAccount`.
   */
  async restore(
    scope: LedgerScope,
    fields: DebtFields & { accountId: number | null },
    manager: EntityManager,
  ): Promise<void> {
    const now = new Date();
    let values: Omit<Debt, 'id' | 'ledgerId' | 'createdAt' | 'updatedAt'>;
    if (fields.accountId === null) {
      values = { ...this.validateManual(scope, fields), accountId: null };
    } else {
      const account = await this.accounts.get(scope.ledgerId, fields.accountId, manager, 'account');
      if (!DEBT_ACCOUNT_TYPES.includes(account.type)) {
        throw badInput('account', 'Only a LOAN or CREDIT_CARD account can be a debt');
      }
      const minimum = requireAmount(
        fields.minimumPayment,
        'minimumPayment',
        'Minimum payment',
        currencyDigits(account.currency),
        'positive',
      );
      values = {
        name: requireText(fields.name, 'name', 'Name', NAME_MAX),
        accountId: account.id,
        currency: account.currency,
        balanceMinor: 0,
        annualRate: requireAnnualRate(fields.annualRate).text,
        minimumPaymentMinor: Number(minimum),
      };
    }
    await manager.insert(Debt, {
      ...values,
      ledgerId: scope.ledgerId,
      createdAt: now,
      updatedAt: now,
    });
  }

  async delete(scope: LedgerScope, id: string): Promise<boolean> {
    const numericId = parseId(id);
    const result =
      numericId === null
        ? { affected: 0 }
        : await this.dataSource.manager.delete(Debt, { id: numericId, ledgerId: scope.ledgerId });
    if (!result.affected) throw notFound('Debt');
    return true;
  }

  /**
   * The plan for paying every debt of the ledger with `extraPerMonth` on top of the minimums,
   * in the caller's currency: a debt in another currency is converted at today's rate (a
   * missing rate is BAD_USER_INPUT naming the pair).
   */
  async plan(
    scope: LedgerScope,
    strategy: PayoffStrategy,
    extraPerMonth: unknown,
    now = new Date(),
  ): Promise<PayoffPlan> {
    const currency = scope.user.currency;
    const digits = currencyDigits(currency);
    const extra = requireAmount(
      extraPerMonth,
      'extraPerMonth',
      'Extra per month',
      digits,
      'non-negative',
    );
    const day = today(now);
    const rows = await this.current(scope.ledgerId);
    const debts: PlanDebt[] = [];
    for (const { debt, balanceMinor } of rows) {
      const rate = requireAnnualRate(debt.annualRate);
      const convert = async (amount: bigint) =>
        (await this.rates.convert(scope.ledgerId, amount, debt.currency, currency, day))
          .amountMinor;
      debts.push({
        id: debt.id,
        name: debt.name,
        balanceMinor: await convert(balanceMinor),
        rateNum: rate.num,
        rateDen: rate.den,
        minimumMinor: await convert(BigInt(debt.minimumPaymentMinor)),
      });
    }
    const result = simulate(debts, strategy, extra);
    const baseline = simulate(debts, null, 0n);
    const start = currentMonth(now);
    const endOf = (months: number) => monthRange(addMonths(start, months)).last;
    const amount = (minor: bigint) => money(minor, digits);
    return {
      strategy,
      currency,
      extraPerMonth: amount(extra),
      monthlyBudget: amount(debts.reduce((sum, d) => sum + d.minimumMinor, 0n) + extra),
      months: result.months,
      totalInterest: amount(result.totalInterestMinor),
      payoffDate: result.months === 0 ? day : endOf(result.months),
      paidOff: result.paidOff,
      message: result.paidOff ? null : neverMessage(debts, result),
      debts: result.debts.map((outcome, i) => ({
        debtId: String(outcome.id),
        name: debts[i].name,
        order: outcome.order,
        months: outcome.payoffMonth,
        payoffDate: outcome.payoffMonth === null ? null : endOf(outcome.payoffMonth),
        interest: amount(outcome.interestMinor),
      })),
      schedule: result.schedule.map((m) => ({
        month: addMonths(start, m.index),
        interest: amount(m.interestMinor),
        payment: amount(m.paymentMinor),
        balance: amount(m.balancesMinor.reduce((sum, b) => sum + b, 0n)),
        balances: m.balancesMinor.map((b, i) => ({
          debtId: String(debts[i].id),
          balance: amount(b),
        })),
      })),
      minimumsOnlyMonths: baseline.paidOff ? baseline.months : null,
      minimumsOnlyInterest: baseline.paidOff ? amount(baseline.totalInterestMinor) : null,
      interestSaved:
        baseline.paidOff && result.paidOff
          ? amount(baseline.totalInterestMinor - result.totalInterestMinor)
          : null,
      monthsSaved: baseline.paidOff && result.paidOff ? baseline.months - result.months : null,
    };
  }

  /**
   * The ledger's debts: how many, and the sum of the minimum payments of those in `currency`
   * (for the health score; a debt in another currency is counted without its payment).
   */
  async minimums(
    ledgerId: number,
    currency: string,
  ): Promise<{ count: number; minimumMinor: bigint }> {
    const debts = await this.dataSource.manager.find(Debt, {
      where: { ledgerId },
      select: { id: true, currency: true, minimumPaymentMinor: true },
    });
    return {
      count: debts.length,
      minimumMinor: debts
        .filter((d) => d.currency === currency)
        .reduce((sum, d) => sum + BigInt(d.minimumPaymentMinor), 0n),
    };
  }

  private async current(ledgerId: number): Promise<CurrentDebt[]> {
    const debts = await this.dataSource.manager.find(Debt, {
      where: { ledgerId },
      order: { id: 'ASC' },
    });
    if (!debts.some((d) => d.accountId !== null)) {
      return debts.map((debt) => ({
        debt,
        balanceMinor: BigInt(debt.balanceMinor),
        accountName: null,
      }));
    }
    const [balances, accounts] = await Promise.all([
      this.accounts.balances(ledgerId),
      this.accounts.list(ledgerId),
    ]);
    const names = new Map(accounts.map((a) => [a.id, a.name]));
    return debts.map((debt) => {
      if (debt.accountId === null) {
        return { debt, balanceMinor: BigInt(debt.balanceMinor), accountName: null };
      }
      // A loan or a card holds what is owed as a negative balance; one in credit owes nothing.
      const owed = -(balances.get(debt.accountId) ?? 0n);
      return {
        debt,
        balanceMinor: owed > 0n ? owed : 0n,
        accountName: names.get(debt.accountId) ?? null,
      };
    });
  }

  private async get(ledgerId: number, id: string, manager: EntityManager): Promise<Debt> {
    const numericId = parseId(id);
    const debt =
      numericId === null
        ? null
        : await manager.findOne(Debt, { where: { id: numericId, ledgerId } });
    if (!debt) throw notFound('Debt');
    return debt;
  }

  private validateManual(scope: LedgerScope, fields: DebtFields) {
    const name = requireText(fields.name, 'name', 'Name', NAME_MAX);
    const currency =
      fields.currency === undefined || fields.currency === null || fields.currency === ''
        ? scope.user.currency
        : requireCurrency(fields.currency, 'currency');
    const digits = currencyDigits(currency);
    const balance = requireAmount(fields.balance, 'balance', 'Balance', digits, 'positive');
    const annualRate = requireAnnualRate(fields.annualRate).text;
    const minimum = requireAmount(
      fields.minimumPayment,
      'minimumPayment',
      'Minimum payment',
      digits,
      'positive',
    );
    return {
      name,
      currency,
      balanceMinor: Number(balance),
      annualRate,
      minimumPaymentMinor: Number(minimum),
    };
  }

  private async writeAccountDebt(
    scope: LedgerScope,
    id: string | null,
    fields: AccountDebtFields,
  ): Promise<DebtView> {
    const annualRate = requireAnnualRate(fields.annualRate).text;
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const account = await this.accounts.get(
          scope.ledgerId,
          fields.accountId,
          manager,
          'accountId',
        );
        if (!DEBT_ACCOUNT_TYPES.includes(account.type)) {
          throw badInput('accountId', 'Only a LOAN or CREDIT_CARD account can be a debt');
        }
        const name =
          fields.name === undefined || fields.name === null || fields.name === ''
            ? account.name
            : requireText(fields.name, 'name', 'Name', NAME_MAX);
        const minimum = requireAmount(
          fields.minimumPayment,
          'minimumPayment',
          'Minimum payment',
          currencyDigits(account.currency),
          'positive',
        );
        const values = {
          name,
          accountId: account.id,
          currency: account.currency,
          balanceMinor: 0,
          annualRate,
          minimumPaymentMinor: Number(minimum),
          updatedAt: new Date(),
        };
        let debt: Debt;
        if (id === null) {
          debt = manager.create(Debt, {
            ...values,
            ledgerId: scope.ledgerId,
            createdAt: new Date(),
          });
          await manager.insert(Debt, debt);
        } else {
          debt = await this.get(scope.ledgerId, id, manager);
          if (debt.accountId === null) {
            throw badInput('id', 'This debt was entered by hand: change it with updateDebt');
          }
          Object.assign(debt, values);
          await manager.save(Debt, debt);
        }
        const owed = -((await this.accounts.balances(scope.ledgerId)).get(account.id) ?? 0n);
        return this.view({ debt, balanceMinor: owed > 0n ? owed : 0n, accountName: account.name });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw badInput('accountId', 'This account already has a debt');
      }
      throw error;
    }
  }

  private view({ debt, balanceMinor, accountName }: CurrentDebt): DebtView {
    const digits = currencyDigits(debt.currency);
    const rate = requireAnnualRate(debt.annualRate);
    const interest = monthlyInterest(balanceMinor, rate.num, rate.den);
    return {
      id: String(debt.id),
      name: debt.name,
      balance: money(balanceMinor, digits),
      annualRate: rate.text,
      minimumPayment: money(debt.minimumPaymentMinor, digits),
      currency: debt.currency,
      accountId: debt.accountId === null ? null : String(debt.accountId),
      accountName,
      monthlyInterest: money(interest, digits),
      coversInterest: balanceMinor === 0n || BigInt(debt.minimumPaymentMinor) > interest,
    };
  }
}

/** Names the debts left open, and why: what is paid towards them does not outrun the interest. */
function neverMessage(debts: PlanDebt[], result: PlanResult): string {
  const open = result.debts
    .filter((d) => d.payoffMonth === null)
    .map((d) => debts.find((debt) => debt.id === d.id)?.name ?? String(d.id));
  return (
    `Never paid off at this payment: the payments towards ${open.join(', ')} do not outrun ` +
    'the interest. Raise the minimum payment or the extra per month.'
  );
}
