import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ledgerArg } from '../ledger-access/ledger-arg';
import { CsvMapping, ImportFormat, ImportPreview, ImportResult } from './import.types';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportPreview, {
    description:
      'Reads an uploaded bank file for an account: the first 50 rows, duplicates and every row ' +
      'error. Nothing is written until commitImport.',
  })
  async previewImport(
    @Arg('uploadId', () => ID) uploadId: string,
    @Arg('accountId', () => ID) accountId: string,
    @Ctx() ctx: RequestContext,
    @Arg('format', () => ImportFormat, { defaultValue: ImportFormat.AUTO }) format: ImportFormat,
    @Arg('mapping', () => CsvMapping, { nullable: true }) mapping?: CsvMapping | null,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<ImportPreview> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.imports.preview(scope, { uploadId, accountId, format, mapping });
  }

  @Mutation(() => ImportResult, {
    description:
      'Writes a previewed import, all or nothing, in the background: answers at once with ' +
      'status RUNNING (poll importStatus). A second commit changes nothing.',
  })
  async commitImport(
    @Arg('importId', () => ID) importId: string,
    @Ctx() ctx: RequestContext,
    @Arg('skipLikelyDuplicates', {
      defaultValue: false,
      description: 'Leave out the rows that match transactions entered by hand',
    })
    skipLikelyDuplicates: boolean,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<ImportResult> {
    const scope = await ctx.ledger('write', ledgerId);
    return ctx.services.imports.commit(scope, importId, skipLikelyDuplicates);
  }

  @Query(() => ImportResult)
  async importStatus(
    @Arg('importId', () => ID) importId: string,
    @Ctx() ctx: RequestContext,
    @Arg('ledgerId', () => ID, ledgerArg) ledgerId?: string | null,
  ): Promise<ImportResult> {
    const scope = await ctx.ledger('read', ledgerId);
    return ctx.services.imports.status(scope, importId);
  }
}
