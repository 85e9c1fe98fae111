import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { ImportResult } from '../imports/import.types';

@Resolver()
export class ExportResolver {
  @Mutation(() => ImportResult, {
    description:
      'Restores a JSON export (GET /api/export?format=json, uploaded first) into an empty ledger: all of it, or nothing',
  })
  async importLedger(
    @Arg('uploadId', () => ID) uploadId: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<ImportResult> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.exports.restore(scope, uploadId);
  }
}
