import { ledgerArg } from '../ledger-access/ledger-arg';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DateScalar } from '../../graphql/scalars';
import { ExchangeRateInput, ExchangeRateView } from './rate.types';

@Resolver()
export class RateResolver {
  @Query(() => [ExchangeRateView], {
    description: 'Stored rates, newest first, at most 500; `date`: that day or earlier',
  })
  async exchangeRates(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => String, { nullable: true }) from?: string | null,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
    @Arg('date', () => DateScalar, { nullable: true }) date?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<ExchangeRateView[]> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.rates.list(scope.ledgerId, { from, to, date });
  }

  @Mutation(() => ExchangeRateView, { description: "Replaces the pair's rate of that day" })
  async setExchangeRate(
    @Arg('input', () => ExchangeRateInput) input: ExchangeRateInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<ExchangeRateView> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.rates.set(scope.ledgerId, input);
  }

  @Mutation(() => Int, {
    description:
      'Stores the rates of an uploaded ECB file (eurofxref-daily.xml, eurofxref-hist.csv or ' +
      'its zip); answers how many were new or changed',
  })
  async importExchangeRates(
    @Arg('uploadId', () => ID) uploadId: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<number> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.rates.importUpload(scope.ledgerId, scope.user.id, uploadId);
  }

  @Mutation(() => Int, {
    description: "Fetches today's rates from RATES_URL (needs it set); answers how many changed",
  })
  async refreshExchangeRates(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<number> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.rates.refresh(scope.ledgerId);
  }
}
