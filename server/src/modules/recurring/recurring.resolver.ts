import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import { currencyDigits } from '../../lib/currencies';
import { money, type Money } from '../../lib/money';
import { Category } from '../categories/category.entity';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { Account } from '../ledger/account.entity';
import { firstOnOrAfter, occurrencesBetween } from './recurrence';
import { previewDates, recurrenceOf } from './recurring.service';
import { RecurringRuleInput, RecurringRuleView, toRuleView, UpcomingBill } from './recurring.types';

@Resolver(() => RecurringRuleView)
export class RecurringResolver {
  @Query(() => [RecurringRuleView])
  async recurringRules(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<RecurringRuleView[]> {
    const scope = await ctx.ledger('read', ledgerId);
    return (await ctx.services.recurring.list(scope.ledgerId)).map(toRuleView);
  }

  @Query(() => [UpcomingBill], { description: 'Expenses due from today (your time zone) on' })
  async upcomingBills(
    @Ctx() ctx: RequestContext,
    @Arg('days', () => Int, { defaultValue: 30 }) days: number,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<UpcomingBill[]> {
    const scope = await ctx.ledger('read', ledgerId);
    const bills = await ctx.services.bills.upcoming(scope, days);
    return bills.map((bill) => ({
      rule: toRuleView(bill.rule),
      date: bill.date,
      amount: money(bill.amountMinor, currencyDigits(bill.rule.currency)),
      overdue: bill.overdue,
    }));
  }

  @Query(() => DecimalScalar, {
    description:
      'What recurring expenses cost per month in the reporting currency: the next 12 months of them, divided by 12',
  })
  async recurringMonthlyCost(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<Money> {
    const scope = await ctx.ledger('read', ledgerId);
    const minor = await ctx.services.bills.monthlyCost(scope);
    return money(minor, currencyDigits(scope.user.currency));
  }

  @Query(() => [DateScalar], {
    description:
      'The first dates (at most 24) of a rule not saved yet, from its start date; a bad rule is refused with the field rrule',
  })
  recurringPreview(
    @Ctx() ctx: RequestContext,
    @Arg('rrule') rrule: string,
    @Arg('startDate', () => DateScalar) startDate: string,
    @Arg('count', () => Int, { defaultValue: 5 }) count: number,
  ): string[] {
    ctx.requireUser();
    return previewDates(rrule, startDate, count);
  }

  @Mutation(() => RecurringRuleView, {
    description: 'Dates up to today are posted (AUTO) right after, each once with its own date',
  })
  async createRecurringRule(
    @Arg('input', () => RecurringRuleInput) input: RecurringRuleInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<RecurringRuleView> {
    const scope = await ctx.ledger('write', ledgerId);
    return toRuleView(await ctx.services.recurring.create(scope, input));
  }

  @Mutation(() => RecurringRuleView, {
    description:
      'Turns a suggestion into an EXPECT rule from its next date: matched with what arrives, never posted twice',
  })
  async acceptRecurringSuggestion(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<RecurringRuleView> {
    const scope = await ctx.ledger('write', ledgerId);
    const rule = await ctx.services.recurringDetection.accept(scope, id);
    return toRuleView(await ctx.services.recurring.get(scope.ledgerId, String(rule.id)));
  }

  @Mutation(() => RecurringRuleView, { description: 'Dates already handled stay as they are' })
  async updateRecurringRule(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => RecurringRuleInput) input: RecurringRuleInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<RecurringRuleView> {
    const scope = await ctx.ledger('write', ledgerId);
    return toRuleView(await ctx.services.recurring.update(scope, id, input));
  }

  @Mutation(() => RecurringRuleView, { description: 'Resuming catches up the dates missed' })
  async setRecurringRulePaused(
    @Arg('id', () => ID) id: string,
    @Arg('paused', () => Boolean) paused: boolean,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<RecurringRuleView> {
    const scope = await ctx.ledger('write', ledgerId);
    return toRuleView(await ctx.services.recurring.setPaused(scope, id, paused));
  }

  @Mutation(() => Boolean, { description: 'Transactions it posted stay' })
  async deleteRecurringRule(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<boolean> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.recurring.delete(scope, id);
  }

  @Mutation(() => RecurringRuleView, {
    description: 'An expected payment happened: it is posted with that date',
  })
  async confirmRecurringOccurrence(
    @Arg('ruleId', () => ID) ruleId: string,
    @Arg('date', () => DateScalar) date: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<RecurringRuleView> {
    const scope = await ctx.ledger('write', ledgerId);
    return toRuleView(await ctx.services.recurringPosting.confirm(scope, ruleId, date));
  }

  @Mutation(() => RecurringRuleView, { description: 'That date is passed over: nothing is posted' })
  async skipRecurringOccurrence(
    @Arg('ruleId', () => ID) ruleId: string,
    @Arg('date', () => DateScalar) date: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<RecurringRuleView> {
    const scope = await ctx.ledger('write', ledgerId);
    return toRuleView(await ctx.services.recurringPosting.skip(scope, ruleId, date));
  }

  @FieldResolver(() => Account)
  async account(@Root() view: RecurringRuleView, @Ctx() ctx: RequestContext): Promise<Account> {
    const accounts = await this.accounts(view, ctx);
    return accounts.get(view.rule.accountId) as Account;
  }

  @FieldResolver(() => Account, { nullable: true })
  async toAccount(
    @Root() view: RecurringRuleView,
    @Ctx() ctx: RequestContext,
  ): Promise<Account | null> {
    if (view.rule.toAccountId === null) return null;
    return (await this.accounts(view, ctx)).get(view.rule.toAccountId) ?? null;
  }

  @FieldResolver(() => Category, { nullable: true })
  async category(
    @Root() view: RecurringRuleView,
    @Ctx() ctx: RequestContext,
  ): Promise<Category | null> {
    const name = view.rule.categoryName;
    if (name === null) return null;
    return ctx.once(`recurring-category:${view.rule.ledgerId}:${name}`, () =>
      ctx.services.categories.findByName(view.rule.ledgerId, name),
    );
  }

  @FieldResolver(() => [DateScalar], { description: 'The next dates from nextDate on' })
  nextDates(
    @Root() view: RecurringRuleView,
    @Arg('count', () => Int, { defaultValue: 3 }) count: number,
  ): string[] {
    if (view.rule.nextDate === null) return [];
    const recurrence = recurrenceOf(view.rule);
    const first = firstOnOrAfter(recurrence, view.rule.nextDate);
    return first === null
      ? []
      : occurrencesBetween(recurrence, first, '9999-12-31', Math.max(1, Math.min(count, 24)));
  }

  /** One query for all rules' accounts of a request. */
  private accounts(view: RecurringRuleView, ctx: RequestContext): Promise<Map<number, Account>> {
    return ctx.once(`recurring-accounts:${view.rule.ledgerId}`, async () => {
      const list = await ctx.services.accounts.list(view.rule.ledgerId);
      return new Map(list.map((a) => [a.id, a]));
    });
  }
}
