import type { DataSource } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import { requireAmount, requireDay } from '../../lib/validate';
import { checked, once, recordAt, type PortableSection } from '../export/portable';
import type { AccountService } from '../ledger/account.service';
import { Dividend } from './dividend.entity';
import { accountCurrencies, failing, investmentAccountOf, securityOf } from './investment-refs';
import type { SecurityService } from './security.service';

export interface DividendRecord {
  account: string;
  symbol: string;
  /** The INCOME transaction that holds the money (its export id). */
  transaction: string;
  date: string;
  /** In the account's currency. */
  amount: string;
}

/** Which security paid each dividend; the money is the INCOME transaction it names. */
export function dividendsSection(
  dataSource: DataSource,
  accounts: AccountService,
  securities: SecurityService,
): PortableSection<DividendRecord> {
  const name = 'dividends';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () => {
        const [rows, byId, currencyOf] = await Promise.all([
          dataSource.manager.find(Dividend, { where: { ledgerId }, order: { id: 'ASC' } }),
          securities.securitiesByIds(ledgerId),
          accountCurrencies(accounts, ledgerId),
        ]);
        return rows.map((d) => ({
          account: String(d.accountId),
          symbol: byId.get(d.securityId)?.symbol ?? '',
          transaction: String(d.transactionId),
          date: d.date,
          amount: fromMinor(
            BigInt(d.amountMinor),
            currencyDigits(currencyOf.get(d.accountId) ?? 'USD'),
          ),
        }));
      }),
    async restore(records, { scope, manager, ids }) {
      const now = new Date();
      const seen = new Set<number>();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = failing(name, index);
        const context = { ledgerId: scope.ledgerId, ids, manager };
        const account = await investmentAccountOf(name, index, record, context, securities);
        const security = await securityOf(scope.ledgerId, manager, record.symbol, fail);
        const transactionId = ids.get('transactions', String(record.transaction));
        if (transactionId === undefined) {
          throw fail('transaction', "names no transaction of the export's transactions");
        }
        if (seen.has(transactionId)) throw fail('transaction', 'is the money of another dividend');
        seen.add(transactionId);
        const values = checked(name, index, record, () => ({
          date: requireDay(record.date, 'date'),
          amountMinor: Number(
            requireAmount(
              record.amount,
              'amount',
              'Amount',
              currencyDigits(account.currency),
              'positive',
            ),
          ),
        }));
        await manager.insert(Dividend, {
          ...values,
          ledgerId: scope.ledgerId,
          accountId: account.id,
          securityId: security.id,
          transactionId,
          createdAt: now,
        });
      }
      return records.length;
    },
    csvColumns: [
      { name: 'account', type: 'text', value: (r) => r.account },
      { name: 'symbol', type: 'text', value: (r) => r.symbol },
      { name: 'transaction', type: 'text', value: (r) => r.transaction },
      { name: 'date', type: 'date', value: (r) => r.date },
      { name: 'amount', type: 'amount', value: (r) => r.amount },
    ],
  };
}
