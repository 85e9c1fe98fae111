import type { EntityManager } from 'typeorm';
import { badInput } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { requireAmount, requireDay, requireText } from '../../lib/validate';
import { requireCategoryName } from '../categories/category.service';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { Account } from './account.entity';
import type { AccountService } from './account.service';
import { bookedConversion, type BookedConversion } from './booked-conversion';
import type { Conversion, CurrencyConverter } from './conversion';
import { requireCurrency } from './currency';
import { WriteBatch } from './transaction-batch';
import { TransactionKind, type Transaction } from './transaction.entity';

/** What a writer hands the ledger: unvalidated, as it arrived (API, form, file, rule). */
export interface TransactionDraft {
  kind: unknown;
  description: unknown;
  amount: unknown;
  date: unknown;
  accountId?: unknown;
  currency?: unknown;
  toAccountId?: unknown;
  toAmount?: unknown;
  category?: unknown;
  payee?: unknown;
  /**
   * An expense without a category is refused unless this is set (imports, recurring posts):
   * then the category rules or payee history pick one, else "Uncategorized".
   */
  mayOmitCategory?: boolean;
  /** A restore's conversion as it was booked, kept instead of converting again (`restore`). */
  booked?: BookedConversion;
}

export const DESCRIPTION_MAX = 200;
const KINDS = Object.values(TransactionKind) as string[];

/** A validated transaction before its category exists (the name is resolved in the write). */
export type Prepared = Omit<Transaction, 'id' | 'createdAt' | 'updatedAt' | 'categoryId'> & {
  categoryName: string | null;
  account: Account;
  toAccount: Account | null;
};

/**
 * Turns drafts into rows the ledger can write: every field checked with a message naming it,
 * the account open, the amounts fixed in the account's and the reporting currency. Nothing is
 * written here; `TransactionService` writes what this returns.
 */
export class DraftPreparer {
  constructor(
    private readonly accounts: AccountService,
    private readonly rates: CurrencyConverter,
  ) {}

  /** Validates a draft and fixes its amounts in the account's and the reporting currency. */
  async prepare(
    scope: LedgerScope,
    draft: TransactionDraft,
    manager: EntityManager,
    batch?: WriteBatch,
    restore = false,
  ): Promise<Prepared> {
    if (typeof draft.kind !== 'string' || !KINDS.includes(draft.kind)) {
      throw badInput('kind', `Kind must be one of ${KINDS.join(', ')}`);
    }
    const kind = draft.kind as TransactionKind;
    const description = requireText(
      draft.description,
      'description',
      'Description',
      DESCRIPTION_MAX,
    );
    const date = requireDay(draft.date, 'date');
    const payee =
      draft.payee === undefined || draft.payee === null || draft.payee === ''
        ? null
        : requireText(draft.payee, 'payee', 'Payee', DESCRIPTION_MAX);
    const account = await this.openAccount(
      scope,
      draft.accountId,
      'accountId',
      manager,
      batch,
      restore,
    );
    const isTransfer = kind === TransactionKind.TRANSFER;
    const currency =
      draft.currency === undefined || draft.currency === null || draft.currency === ''
        ? account.currency
        : requireCurrency(draft.currency, 'currency');
    if (isTransfer && currency !== account.currency) {
      throw badInput('currency', 'A transfer is in the currency of the account it leaves');
    }
    const amountMinor = requireAmount(
      draft.amount,
      'amount',
      'Amount',
      currencyDigits(currency),
      'positive',
    );

    let categoryName: string | null = null;
    const hasCategory = draft.category != null && draft.category !== '';
    if (kind === TransactionKind.EXPENSE && (hasCategory || draft.mayOmitCategory !== true)) {
      categoryName = requireCategoryName(draft.category);
    } else if (kind === TransactionKind.INCOME && hasCategory) {
      categoryName = requireCategoryName(draft.category);
    } else if (isTransfer && draft.category != null && draft.category !== '') {
      throw badInput('category', 'A transfer has no category: it is neither spending nor income');
    }

    let toAccount: Account | null = null;
    let toAmountMinor: bigint | null = null;
    if (isTransfer) {
      if (draft.toAccountId == null || draft.toAccountId === '') {
        throw badInput('toAccountId', 'Choose the account the money goes to');
      }
      toAccount = await this.openAccount(
        scope,
        draft.toAccountId,
        'toAccountId',
        manager,
        batch,
        restore,
      );
      if (toAccount.id === account.id) {
        throw badInput('toAccountId', 'A transfer goes to another account');
      }
      const given = draft.toAmount != null && draft.toAmount !== '';
      if (toAccount.currency !== account.currency && !given) {
        throw badInput(
          'toAmount',
          `Enter the amount that arrived in ${toAccount.currency}: the accounts have different currencies`,
        );
      }
      toAmountMinor = given
        ? requireAmount(
            draft.toAmount,
            'toAmount',
            'Arriving amount',
            currencyDigits(toAccount.currency),
            'positive',
          )
        : amountMinor;
      if (toAccount.currency === account.currency && toAmountMinor !== amountMinor) {
        throw badInput('toAmount', 'Between accounts of one currency the same amount arrives');
      }
    } else if (draft.toAccountId != null && draft.toAccountId !== '') {
      throw badInput('toAccountId', 'Only a transfer goes to another account');
    }

    let accountAmount: bigint;
    let reporting: Conversion;
    if (restore) {
      ({ accountAmount, reporting } = bookedConversion(
        draft.booked,
        scope,
        account,
        currency,
        amountMinor,
      ));
    } else {
      const convert = (to: string) =>
        batch
          ? batch.convert(amountMinor, currency, to, date)
          : this.rates.convert(scope.ledgerId, amountMinor, currency, to, date);
      accountAmount =
        currency === account.currency ? amountMinor : (await convert(account.currency)).amountMinor;
      reporting = await convert(scope.user.currency);
    }
    for (const [field, value] of [
      ['amount', accountAmount],
      ['amount', reporting.amountMinor],
    ] as const) {
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw badInput(field, 'Amount is too large');
    }
    return {
      ledgerId: scope.ledgerId,
      kind,
      date,
      description,
      payee,
      accountId: account.id,
      currency,
      amountMinor: Number(amountMinor),
      accountAmountMinor: Number(accountAmount),
      toAccountId: toAccount?.id ?? null,
      toAmountMinor: toAmountMinor === null ? null : Number(toAmountMinor),
      reportingAmountMinor: Number(reporting.amountMinor),
      rate: reporting.rate,
      rateDate: reporting.rateDate,
      rateSource: reporting.source,
      createdByUserId: scope.user.id,
      updatedByUserId: scope.user.id,
      categoryName,
      account,
      toAccount,
    };
  }

  /** The named account of the ledger (default: its oldest open one), which must be open. */
  private async openAccount(
    scope: LedgerScope,
    id: unknown,
    field: string,
    manager: EntityManager,
    batch?: WriteBatch,
    restore = false,
  ): Promise<Account> {
    const load = () =>
      id === undefined || id === null || id === ''
        ? this.accounts.defaultFor(scope.ledgerId, manager)
        : this.accounts.get(scope.ledgerId, id, manager, field);
    const account = batch
      ? await WriteBatch.once(batch.accounts, `${field}|${String(id ?? '')}`, load)
      : await load();
    if (account.archived && !restore) {
      throw badInput(field, `The account "${account.name}" is archived; unarchive it to add to it`);
    }
    return account;
  }
}
