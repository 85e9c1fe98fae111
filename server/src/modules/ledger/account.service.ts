import { In, type DataSource, type EntityManager } from 'typeorm';
import { AppError, badInput } from '../../errors';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { currencyDigits } from '../../lib/currencies';
import { parseId } from '../../lib/ids';
import { characterCount, requireAmount, requireText } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { Account, AccountType } from './account.entity';
import { requireCurrency } from './currency';
import { MONTH_TOTALS_TABLE } from './month-totals';

export interface AccountFields {
  name: unknown;
  type: unknown;
  currency: unknown;
  openingBalance?: unknown;
}

export const DEFAULT_ACCOUNT_NAME = 'Main account';
const NAME_MAX = 100;

function requireAccountName(value: unknown): string {
  const name = requireText(value, 'name', 'Name', NAME_MAX);
  if (characterCount(name.toLowerCase()) > NAME_MAX) {
    throw badInput('name', `Name must be at most ${NAME_MAX} characters`);
  }
  return name;
}

function requireAccountType(value: unknown): AccountType {
  if (typeof value === 'string' && (Object.values(AccountType) as string[]).includes(value)) {
    return value as AccountType;
  }
  throw badInput('type', `Type must be one of ${Object.values(AccountType).join(', ')}`);
}

const hasTransactions = async (manager: EntityManager, accountId: number) =>
  (
    await manager.query(
      'SELECT 1 AS found FROM transactions WHERE accountId = ? OR toAccountId = ? LIMIT 1',
      [accountId, accountId],
    )
  ).length > 0;

/** Accounts of a ledger; the ledger module owns them with their transactions. */
export class AccountService {
  constructor(private readonly dataSource: DataSource) {}

  /** The first account of a new ledger, in its owner's currency. */
  async createDefault(
    ledgerId: number,
    currency: string,
    manager: EntityManager,
  ): Promise<Account> {
    const now = new Date();
    const account = manager.create(Account, {
      ledgerId,
      name: DEFAULT_ACCOUNT_NAME,
      nameKey: DEFAULT_ACCOUNT_NAME.toLowerCase(),
      type: AccountType.CHECKING,
      currency,
      openingBalanceMinor: 0,
      archived: false,
      createdAt: now,
      updatedAt: now,
    });
    await manager.insert(Account, account);
    return account;
  }

  list(ledgerId: number, manager: EntityManager = this.dataSource.manager): Promise<Account[]> {
    return manager.find(Account, { where: { ledgerId }, order: { archived: 'ASC', id: 'ASC' } });
  }

  async get(
    ledgerId: number,
    id: unknown,
    manager: EntityManager = this.dataSource.manager,
    field = 'id',
  ): Promise<Account> {
    const numericId = typeof id === 'string' || typeof id === 'number' ? parseId(id) : null;
    const account =
      numericId === null
        ? null
        : await manager.findOne(Account, { where: { id: numericId, ledgerId } });
    if (!account) throw new AppError('NOT_FOUND', 'Account not found', field);
    return account;
  }

  /** Where a write that names no account goes: the ledger's oldest open account. */
  async defaultFor(ledgerId: number, manager: EntityManager): Promise<Account> {
    const account = await manager.findOne(Account, {
      where: { ledgerId, archived: false },
      order: { id: 'ASC' },
    });
    if (!account)
      throw badInput('accountId', 'Add an account first: every open account is archived');
    return account;
  }

  create(scope: LedgerScope, fields: AccountFields): Promise<Account> {
    const values = this.validate(fields);
    return this.writeName(async (manager) => {
      const now = new Date();
      const account = manager.create(Account, {
        ...values,
        ledgerId: scope.ledgerId,
        archived: false,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Account, account);
      return account;
    });
  }

  update(scope: LedgerScope, id: string, fields: AccountFields): Promise<Account> {
    const values = this.validate(fields);
    return this.writeName(async (manager) => {
      const account = await this.get(scope.ledgerId, id, manager);
      if (values.currency !== account.currency && (await hasTransactions(manager, account.id))) {
        throw badInput(
          'currency',
          'The currency of an account with transactions cannot change; open a new account instead',
        );
      }
      Object.assign(account, values, { updatedAt: new Date() });
      await manager.save(Account, account);
      return account;
    });
  }

  archive(scope: LedgerScope, id: string, archived = true): Promise<Account> {
    return inTransaction(this.dataSource, async (manager) => {
      const account = await this.get(scope.ledgerId, id, manager);
      await manager.update(Account, { id: account.id }, { archived, updatedAt: new Date() });
      return Object.assign(account, { archived });
    });
  }

  /** Only an account without transactions: deleting one with history would lose money. */
  delete(scope: LedgerScope, id: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const account = await this.get(scope.ledgerId, id, manager);
      if (await hasTransactions(manager, account.id)) {
        throw badInput('id', 'This account has transactions; archive it instead');
      }
      await manager.delete(Account, { id: account.id });
      return true;
    });
  }

  /**
   * When the owner changes their currency before recording anything, the accounts that hold
   * nothing yet (no transactions, no opening balance) follow it: the default account made at
   * registration should be in the currency the user meant.
   */
  async followCurrency(
    ledgerId: number,
    from: string,
    to: string,
    manager: EntityManager,
  ): Promise<void> {
    const empty: { id: number | string }[] = await manager.query(
      'SELECT a.id AS id FROM accounts a WHERE a.ledgerId = ? AND a.currency = ? ' +
        'AND a.openingBalanceMinor = 0 AND NOT EXISTS (SELECT 1 FROM transactions t ' +
        'WHERE t.accountId = a.id OR t.toAccountId = a.id)',
      [ledgerId, from],
    );
    if (empty.length === 0) return;
    await manager.update(
      Account,
      { id: In(empty.map((row) => Number(row.id))) },
      { currency: to, updatedAt: new Date() },
    );
  }

  /**
   * Every account's balance in its own currency: the opening balance plus what flowed in and
   * out, summed from the month totals (a few rows per account and month, not every transaction).
   */
  async balances(ledgerId: number): Promise<Map<number, bigint>> {
    const [accounts, rows] = await Promise.all([
      this.dataSource.query(
        'SELECT id, CAST(openingBalanceMinor AS CHAR) AS opening FROM accounts WHERE ledgerId = ?',
        [ledgerId],
      ) as Promise<{ id: number | string; opening: string }[]>,
      this.dataSource.query(
        'SELECT accountId, flow, CAST(SUM(amountMinor) AS CHAR) AS amount ' +
          `FROM ${MONTH_TOTALS_TABLE} WHERE ledgerId = ? GROUP BY accountId, flow`,
        [ledgerId],
      ) as Promise<{ accountId: number | string; flow: string; amount: string }[]>,
    ]);
    const balances = new Map(accounts.map((a) => [Number(a.id), BigInt(a.opening)]));
    for (const row of rows) {
      const id = Number(row.accountId);
      const sign = row.flow === 'INCOME' || row.flow === 'TRANSFER_IN' ? 1n : -1n;
      balances.set(id, (balances.get(id) ?? 0n) + sign * BigInt(row.amount));
    }
    return balances;
  }

  /**
   * A restored account, validated by the caller with `validate`, inside the restore's
   * transaction: archived as it was exported.
   */
  async insertRestored(
    ledgerId: number,
    values: ReturnType<AccountService['validate']> & { archived: boolean },
    manager: EntityManager,
  ): Promise<Account> {
    const now = new Date();
    const account = manager.create(Account, {
      ...values,
      ledgerId,
      createdAt: now,
      updatedAt: now,
    });
    await manager.insert(Account, account);
    return account;
  }

  /** An account's fields as a person or a file gave them, checked by the rules of `create`. */
  validate(fields: AccountFields) {
    const name = requireAccountName(fields.name);
    const currency = requireCurrency(fields.currency, 'currency');
    const opening =
      fields.openingBalance === undefined ||
      fields.openingBalance === null ||
      fields.openingBalance === ''
        ? 0n
        : requireAmount(
            fields.openingBalance,
            'openingBalance',
            'Opening balance',
            currencyDigits(currency),
            'any',
          );
    if (-opening > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw badInput('openingBalance', 'Opening balance is too large');
    }
    return {
      name,
      nameKey: name.toLowerCase(),
      type: requireAccountType(fields.type),
      currency,
      openingBalanceMinor: Number(opening),
    };
  }

  private async writeName(work: (manager: EntityManager) => Promise<Account>): Promise<Account> {
    try {
      return await inTransaction(this.dataSource, work);
    } catch (error) {
      if (isUniqueViolation(error))
        throw badInput('name', 'An account with this name already exists');
      throw error;
    }
  }
}
