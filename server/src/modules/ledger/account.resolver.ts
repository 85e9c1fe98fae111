import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DecimalScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { Account, AccountType } from './account.entity';
import { AccountInput, NetWorthPoint } from './ledger.types';

@Resolver(() => Account)
export class AccountResolver {
  @FieldResolver(() => DecimalScalar)
  openingBalance(@Root() account: Account): Money {
    return money(account.openingBalanceMinor, currencyDigits(account.currency));
  }

  @FieldResolver(() => DecimalScalar, {
    description: "Opening balance plus every flow, in the account's currency",
  })
  async balance(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<Money> {
    const balances = await ctx.once(`balances:${account.ledgerId}`, () =>
      ctx.services.accounts.balances(account.ledgerId),
    );
    return money(balances.get(account.id) ?? 0n, currencyDigits(account.currency));
  }

  @FieldResolver(() => DecimalScalar, {
    description:
      'What the account is worth, in its currency: its balance, plus for an INVESTMENT account its holdings at the latest prices less the cash their trades took (as in the net worth); the balance for any other type',
  })
  async value(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<Money> {
    const balances = await ctx.once(`balances:${account.ledgerId}`, () =>
      ctx.services.accounts.balances(account.ledgerId),
    );
    let held = 0n;
    if (account.type === AccountType.INVESTMENT) {
      const holdings = await ctx.once(`held:${account.ledgerId}`, () =>
        ctx.services.netWorth.heldBeyondBalance(account.ledgerId),
      );
      held = holdings.get(account.id) ?? 0n;
    }
    return money((balances.get(account.id) ?? 0n) + held, currencyDigits(account.currency));
  }

  @Query(() => [Account], { description: 'Open accounts first, then archived ones' })
  async accounts(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Account[]> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.accounts.list(scope.ledgerId);
  }

  @Mutation(() => Account)
  async createAccount(
    @Arg('input') input: AccountInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Account> {
    return ctx.services.accounts.create(await ctx.ledger('write', ledgerId), input);
  }

  @Mutation(() => Account)
  async updateAccount(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: AccountInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Account> {
    return ctx.services.accounts.update(await ctx.ledger('write', ledgerId), id, input);
  }

  @Mutation(() => Account, { description: 'Archived accounts take no new transactions' })
  async archiveAccount(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('archived', { nullable: true, defaultValue: true, description: 'false unarchives' })
    archived: boolean,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Account> {
    return ctx.services.accounts.archive(await ctx.ledger('write', ledgerId), id, archived);
  }

  @Mutation(() => Boolean, { description: 'Only an account without transactions' })
  async deleteAccount(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.accounts.delete(await ctx.ledger('write', ledgerId), id);
  }

  @Query(() => [NetWorthPoint], {
    description: 'The months ending with the current one, oldest first',
  })
  async netWorth(
    @Ctx() ctx: RequestContext,
    @Arg('months', () => Int, { nullable: true, defaultValue: 12 }) months: number,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<NetWorthPoint[]> {
    const scope = await ctx.ledger('read', ledgerId);
    const digits = currencyDigits(scope.user.currency);
    const rows = await ctx.services.netWorth.netWorth(
      scope.ledgerId,
      scope.user.currency,
      months ?? 12,
    );
    return rows.map((row) => ({
      month: row.month,
      assets: money(row.assetsMinor, digits),
      liabilities: money(row.liabilitiesMinor, digits),
      netWorth: money(row.assetsMinor - row.liabilitiesMinor, digits),
    }));
  }
}
