import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { Report, ReportInput, SavedReport } from './report.types';

@Resolver()
export class ReportResolver {
  @Query(() => Report, { description: "A period's spending grouped, with totals and averages" })
  async report(
    @Arg('input') input: ReportInput,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<Report> {
    return ctx.services.reports.run(await ctx.ledger('read', ledgerId), input);
  }

  @Query(() => [SavedReport])
  async savedReports(
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<SavedReport[]> {
    return ctx.services.reports.list(await ctx.ledger('read', ledgerId));
  }

  @Mutation(() => SavedReport, {
    description: 'Saves a report (over the one `id` names); a schedule mails it weekly or monthly',
  })
  async saveReport(
    @Arg('name') name: string,
    @Arg('input') input: ReportInput,
    @Ctx() ctx: RequestContext,
    @Arg('schedule', () => String, { nullable: true }) schedule?: string | null,
    @Arg('email', () => Boolean, { nullable: true }) email?: boolean | null,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<SavedReport> {
    return ctx.services.reports.save(await ctx.ledger('write', ledgerId), {
      id,
      name,
      input,
      schedule,
      email,
    });
  }

  @Mutation(() => Boolean)
  async deleteSavedReport(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string,
  ): Promise<boolean> {
    return ctx.services.reports.delete(await ctx.ledger('write', ledgerId), id);
  }
}
