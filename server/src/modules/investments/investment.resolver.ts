import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { money } from '../../lib/money';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { Transaction } from '../ledger/transaction.entity';
import { tradeCashMinor } from './book';
import type { Security } from './security.entity';
import type { Trade } from './trade.entity';
import type { PortfolioResult } from './portfolio.service';
import {
  DividendInput,
  Portfolio,
  PortfolioValuePoint,
  PricePoint,
  SecurityInput,
  SecurityView,
  SplitView,
  TradeConnection,
  TradeInput,
  TradeSide,
  TradeView,
} from './investment.types';
import { priceToString, quantityToString } from './units';

const securityView = (s: Security): SecurityView => ({
  id: String(s.id),
  symbol: s.symbol,
  name: s.name,
  assetClass: s.assetClass,
  currency: s.currency,
});

function tradeView(t: Trade, security: Security): TradeView {
  const digits = currencyDigits(security.currency);
  const price = { units: BigInt(t.priceUnits), scale: t.priceScale };
  return {
    id: String(t.id),
    accountId: String(t.accountId),
    security: securityView(security),
    side: t.side as TradeSide,
    date: t.date,
    quantity: quantityToString(BigInt(t.quantityUnits)),
    price: priceToString(price),
    fees: money(t.feesMinor, digits),
    amount: money(
      tradeCashMinor({
        kind: 'trade',
        id: t.id,
        accountId: t.accountId,
        securityId: t.securityId,
        side: t.side,
        date: t.date,
        quantity: BigInt(t.quantityUnits),
        price,
        feesMinor: BigInt(t.feesMinor),
        digits,
      }),
      digits,
    ),
  };
}

function portfolioView(p: PortfolioResult): Portfolio {
  const m = (minor: bigint) => money(minor, p.digits);
  return {
    currency: p.currency,
    from: p.from,
    to: p.to,
    value: m(p.valueMinor),
    costBasis: m(p.costMinor),
    unrealizedGain: m(p.valueMinor - p.costMinor),
    realizedGain: m(p.performance.realizedMinor),
    dividendIncome: m(p.performance.dividendsMinor),
    totalReturn: p.performance.totalReturn,
    timeWeightedReturn: p.performance.timeWeightedReturn,
    moneyWeightedReturn: p.performance.moneyWeightedReturn,
    holdings: p.holdings.map((h) => ({
      security: securityView(h.security),
      accountId: String(h.accountId),
      quantity: quantityToString(h.quantity),
      price: h.price ? priceToString(h.price) : null,
      costBasis: m(h.costMinor),
      marketValue: h.valueMinor === null ? null : m(h.valueMinor),
      unrealizedGain: h.valueMinor === null ? null : m(h.valueMinor - h.costMinor),
      realizedGain: m(h.realizedMinor),
      dividends: m(h.performance.dividendsMinor),
      totalReturn: h.performance.totalReturn,
      timeWeightedReturn: h.performance.timeWeightedReturn,
      moneyWeightedReturn: h.performance.moneyWeightedReturn,
    })),
    allocation: p.allocation.map((a) => ({ ...a, value: m(a.valueMinor) })),
    dividends: p.dividends.map((d) => ({ month: d.month, amount: m(d.amountMinor) })),
  };
}

@Resolver()
export class InvestmentResolver {
  @Query(() => Portfolio, {
    description:
      'One INVESTMENT account, or all of them in the reporting currency; default period: since the first trade, to today',
  })
  async portfolio(
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<Portfolio> {
    const scope = await ctx.ledger('read', ledgerId);
    return portfolioView(await ctx.services.portfolio.portfolio(scope, { accountId, from, to }));
  }

  @Query(() => [PortfolioValuePoint], { description: 'Up to 120 evenly spaced days, oldest first' })
  async portfolioValues(
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<PortfolioValuePoint[]> {
    const scope = await ctx.ledger('read', ledgerId);
    const series = await ctx.services.portfolio.valueSeries(scope, { accountId, from, to });
    const digits = currencyDigits(series.currency);
    return series.points.map((p) => ({
      date: p.date,
      value: money(p.valueMinor, digits),
      costBasis: money(p.costMinor, digits),
    }));
  }

  @Query(() => [SecurityView])
  async securities(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<SecurityView[]> {
    const scope = await ctx.ledger('read', ledgerId);
    return (await ctx.services.securities.listSecurities(scope.ledgerId)).map(securityView);
  }

  @Query(() => TradeConnection, { description: 'Newest first; `first` at most 200' })
  async trades(
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
    @Arg('symbol', () => String, { nullable: true }) symbol?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<TradeConnection> {
    const scope = await ctx.ledger('read', ledgerId);
    const page = await ctx.services.investments.listTrades(scope.ledgerId, {
      accountId,
      symbol,
      first: first ?? 50,
      after,
    });
    const securities = await ctx.services.securities.securitiesByIds(scope.ledgerId);
    return {
      nodes: page.nodes.map((t) => tradeView(t, securities.get(t.securityId) as Security)),
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => [PricePoint], { description: 'Oldest first, at most 5000' })
  async prices(
    @Ctx() ctx: RequestContext,
    @Arg('symbol') symbol: string,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<PricePoint[]> {
    const scope = await ctx.ledger('read', ledgerId);
    const rows = await ctx.services.prices.history(scope.ledgerId, symbol, from, to);
    return rows.map((p) => ({
      date: p.date,
      price: priceToString({ units: BigInt(p.priceUnits), scale: p.priceScale }),
      source: p.source,
    }));
  }

  @Mutation(() => TradeView, {
    description: "A new symbol becomes a security in the account's currency",
  })
  async addTrade(
    @Arg('input', () => TradeInput) input: TradeInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<TradeView> {
    const scope = await ctx.ledger('write', ledgerId);
    const trade = await ctx.services.investments.addTrade(scope, input);
    const securities = await ctx.services.securities.securitiesByIds(scope.ledgerId);
    return tradeView(trade, securities.get(trade.securityId) as Security);
  }

  @Mutation(() => TradeView)
  async updateTrade(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => TradeInput) input: TradeInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<TradeView> {
    const scope = await ctx.ledger('write', ledgerId);
    const trade = await ctx.services.investments.updateTrade(scope, id, input);
    const securities = await ctx.services.securities.securitiesByIds(scope.ledgerId);
    return tradeView(trade, securities.get(trade.securityId) as Security);
  }

  @Mutation(() => Boolean, {
    description: 'Refused when a later sell would then sell more than held',
  })
  async deleteTrade(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<boolean> {
    return ctx.services.investments.deleteTrade(await ctx.ledger('write', ledgerId), id);
  }

  @Mutation(() => Transaction, {
    description: 'Written as INCOME (category "Dividends") in the account',
  })
  async addDividend(
    @Arg('input', () => DividendInput) input: DividendInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<Transaction> {
    return ctx.services.investments.addDividend(await ctx.ledger('write', ledgerId), input);
  }

  @Mutation(() => SplitView, { description: 'Without accountId: in every account' })
  async addSplit(
    @Arg('symbol') symbol: string,
    @Arg('date', () => DateScalar) date: string,
    @Arg('ratio', { description: '"2" (two for one), "3:2", "1:10" (reverse)' }) ratio: string,
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<SplitView> {
    const scope = await ctx.ledger('write', ledgerId);
    const split = await ctx.services.investments.addSplit(scope, {
      accountId,
      symbol,
      date,
      ratio,
    });
    return {
      id: String(split.id),
      symbol: symbol.trim().toUpperCase(),
      accountId: split.accountId === null ? null : String(split.accountId),
      date: split.date,
      ratio: `${split.ratioNum}:${split.ratioDen}`,
    };
  }

  @Mutation(() => SecurityView)
  async updateSecurity(
    @Arg('symbol') symbol: string,
    @Arg('input', () => SecurityInput) input: SecurityInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<SecurityView> {
    const scope = await ctx.ledger('write', ledgerId);
    return securityView(await ctx.services.securities.updateSecurity(scope, symbol, input));
  }

  @Mutation(() => Boolean, { description: "Replaces the security's close of that day" })
  async setPrice(
    @Arg('symbol') symbol: string,
    @Arg('date', () => DateScalar) date: string,
    @Arg('price', () => DecimalScalar) price: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<boolean> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.prices.set(scope.ledgerId, symbol, date, price);
  }

  @Mutation(() => Int, {
    description:
      'Stores the prices of an uploaded CSV: date,symbol,close or date;price (then name `symbol`); answers how many',
  })
  async importPrices(
    @Arg('uploadId', () => ID) uploadId: string,
    @Ctx() ctx: RequestContext,
    @Arg('symbol', () => String, { nullable: true }) symbol?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<number> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.prices.importUpload(scope.ledgerId, scope.user.id, uploadId, symbol);
  }

  @Mutation(() => Int, { description: 'Fetches latest closes from PRICES_URL (needs it set)' })
  async refreshPrices(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<number> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.prices.refresh(scope.ledgerId);
  }
}
