import { AppError } from '../../errors';
import { addMonths, currentMonth, monthRange, monthsEndingAt } from '../../lib/dates';
import { AccountType } from './account.entity';
import type { AccountService } from './account.service';
import type { CurrencyConverter } from './conversion';
import type { LedgerTotalsService } from './ledger-totals.service';

export interface NetWorthRow {
  month: string;
  assetsMinor: bigint;
  liabilitiesMinor: bigint;
}

export const NET_WORTH_MONTHS_MAX = 120;

/**
 * What accounts hold beyond their ledger balance on `date`, in each account's currency (minor
 * units): the investments module's holdings at market value, net of the cash their trades took.
 * Set at start-up, so that the ledger does not depend on the investments module.
 */
export interface MarketValues {
  marketValue(ledgerId: number, accountIds: number[], date: string): Promise<Map<number, bigint>>;
  /** The same on several days at once: by day, then by account. */
  marketValues(
    ledgerId: number,
    accountIds: number[],
    dates: string[],
  ): Promise<Map<string, Map<number, bigint>>>;
}

/**
 * Net worth at the end of each of the last `count` months: every account's balance then (its
 * opening balance plus its flows up to that month), converted to the reporting currency at the
 * rate of the month's last day (or the latest earlier one). An account in another currency with
 * no rate on or before that day is left out of that month: there is nothing to value it by.
 */
export class NetWorthService {
  private marketValues: MarketValues | null = null;

  constructor(
    private readonly accounts: AccountService,
    private readonly totals: LedgerTotalsService,
    private readonly rates: CurrencyConverter,
  ) {}

  setMarketValues(provider: MarketValues): void {
    this.marketValues = provider;
  }

  /**
   * What each INVESTMENT account of the ledger holds beyond its balance now (see MarketValues),
   * valued as the net worth values this month: on its last day, at the latest prices.
   */
  async heldBeyondBalance(ledgerId: number, today = new Date()): Promise<Map<number, bigint>> {
    if (!this.marketValues) return new Map();
    const investmentIds = (await this.accounts.list(ledgerId))
      .filter((a) => a.type === AccountType.INVESTMENT)
      .map((a) => a.id);
    if (investmentIds.length === 0) return new Map();
    return this.marketValues.marketValue(
      ledgerId,
      investmentIds,
      monthRange(currentMonth(today)).last,
    );
  }

  async netWorth(
    ledgerId: number,
    reportingCurrency: string,
    count: number,
    today = new Date(),
  ): Promise<NetWorthRow[]> {
    if (!Number.isInteger(count) || count < 1 || count > NET_WORTH_MONTHS_MAX) {
      throw new AppError(
        'BAD_USER_INPUT',
        `months must be from 1 to ${NET_WORTH_MONTHS_MAX}`,
        'months',
      );
    }
    const last = currentMonth(today);
    const months = monthsEndingAt(last, count);
    const [accounts, flows] = await Promise.all([
      this.accounts.list(ledgerId),
      this.totals.accountFlowsByMonth(ledgerId),
    ]);
    // Each account's balance at the end of the month before the first one shown, then month by month.
    const before = addMonths(months[0], -1);
    const running = new Map(accounts.map((a) => [a.id, BigInt(a.openingBalanceMinor)]));
    const byMonth = new Map<string, Map<number, bigint>>();
    for (const flow of flows) {
      if (flow.month <= before) {
        running.set(flow.accountId, (running.get(flow.accountId) ?? 0n) + flow.netMinor);
      } else if (flow.month <= last) {
        const month = byMonth.get(flow.month) ?? new Map<number, bigint>();
        month.set(flow.accountId, (month.get(flow.accountId) ?? 0n) + flow.netMinor);
        byMonth.set(flow.month, month);
      }
    }
    const investmentIds = accounts
      .filter((a) => a.type === AccountType.INVESTMENT)
      .map((a) => a.id);
    const marketValues =
      investmentIds.length && this.marketValues
        ? await this.marketValues.marketValues(
            ledgerId,
            investmentIds,
            months.map((m) => monthRange(m).last),
          )
        : undefined;
    const rows: NetWorthRow[] = [];
    for (const month of months) {
      for (const [accountId, net] of byMonth.get(month) ?? []) {
        running.set(accountId, (running.get(accountId) ?? 0n) + net);
      }
      const monthEnd = monthRange(month).last;
      const held = marketValues?.get(monthEnd);
      let assetsMinor = 0n;
      let liabilitiesMinor = 0n;
      for (const account of accounts) {
        const balance = (running.get(account.id) ?? 0n) + (held?.get(account.id) ?? 0n);
        if (balance === 0n) continue;
        const value = await this.value(
          ledgerId,
          balance,
          account.currency,
          reportingCurrency,
          monthEnd,
        );
        if (value === null) continue;
        if (value > 0n) assetsMinor += value;
        else liabilitiesMinor -= value;
      }
      rows.push({ month, assetsMinor, liabilitiesMinor });
    }
    return rows;
  }

  private async value(
    ledgerId: number,
    balance: bigint,
    from: string,
    to: string,
    date: string,
  ): Promise<bigint | null> {
    if (from === to) return balance;
    try {
      return (await this.rates.convert(ledgerId, balance, from, to, date)).amountMinor;
    } catch (error) {
      if (error instanceof AppError && error.code === 'BAD_USER_INPUT') return null;
      throw error;
    }
  }
}
