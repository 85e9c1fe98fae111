import type { EntityManager } from 'typeorm';
import { AppError } from '../../errors';
import { checkedAsync, RestoreError, type IdMap } from '../export/portable';
import type { AccountService } from '../ledger/account.service';
import { Security } from './security.entity';
import type { SecurityService } from './security.service';

/** How the investment sections (portable) find what their records refer to. */
export type Fail = (field: string, reason: string) => RestoreError;

export const accountCurrencies = async (accounts: AccountService, ledgerId: number) =>
  new Map((await accounts.list(ledgerId)).map((a) => [a.id, a.currency]));

export const failing =
  (section: string, index: number): Fail =>
  (field, reason) =>
    new RestoreError(section, index, field, reason);

/** The restored security of `symbol` (securities come first); the symbol is how they refer. */
export async function securityOf(
  ledgerId: number,
  manager: EntityManager,
  value: unknown,
  fail: Fail,
): Promise<Security> {
  const symbol = typeof value === 'string' ? value.trim().toUpperCase() : '';
  const found = symbol ? await manager.findOne(Security, { where: { ledgerId, symbol } }) : null;
  if (!found) throw fail('symbol', `names no security of the export's securities`);
  return found;
}

/** The restored INVESTMENT account an export id names, by the rules of a new trade. */
export async function investmentAccountOf(
  section: string,
  index: number,
  record: Record<string, unknown>,
  context: { ledgerId: number; ids: IdMap; manager: EntityManager },
  securities: SecurityService,
) {
  const id = context.ids.get('accounts', String(record.account));
  if (id === undefined) {
    throw new RestoreError(section, index, 'account', 'names no account of the export');
  }
  return checkedAsync(section, index, record, () =>
    securities.investmentAccount(context.ledgerId, id, context.manager).catch((error) => {
      throw error instanceof AppError ? new AppError(error.code, error.message, 'account') : error;
    }),
  );
}
