import type { DataSource } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import {
  checkedAsync,
  once,
  recordAt,
  RestoreError,
  type PortableSection,
} from '../export/portable';
import { Debt } from './debt.entity';
import type { DebtService } from './debt.service';

export interface DebtRecord {
  name: string;
  /** An account's export id: the debt follows that account's balance; null: entered by hand. */
  account: string | null;
  currency: string;
  /** In `currency`; null when the debt follows an account (its balance is the account's). */
  balance: string | null;
  annualRate: string;
  minimumPayment: string;
}

/** Debts to pay off: entered by hand, or following a loan or credit-card account. */
export function debtsSection(
  dataSource: DataSource,
  debts: DebtService,
): PortableSection<DebtRecord> {
  const name = 'debts';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () =>
        (await dataSource.manager.find(Debt, { where: { ledgerId }, order: { id: 'ASC' } })).map(
          (d) => {
            const digits = currencyDigits(d.currency);
            return {
              name: d.name,
              account: d.accountId === null ? null : String(d.accountId),
              currency: d.currency,
              balance: d.accountId === null ? fromMinor(BigInt(d.balanceMinor), digits) : null,
              annualRate: d.annualRate,
              minimumPayment: fromMinor(BigInt(d.minimumPaymentMinor), digits),
            };
          },
        ),
      ),
    async restore(records, { scope, manager, ids }) {
      const followed = new Set<number>();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        let accountId: number | null = null;
        if (record.account !== null && record.account !== undefined) {
          const id = ids.get('accounts', String(record.account));
          if (id === undefined) {
            throw new RestoreError(name, index, 'account', 'names no account of the export');
          }
          if (followed.has(id)) {
            throw new RestoreError(name, index, 'account', 'another debt follows this account');
          }
          followed.add(id);
          accountId = id;
        }
        await checkedAsync(name, index, record, () =>
          debts.restore(
            scope,
            {
              name: record.name,
              accountId,
              currency: record.currency,
              balance: record.balance,
              annualRate: record.annualRate,
              minimumPayment: record.minimumPayment,
            },
            manager,
          ),
        );
      }
      return records.length;
    },
    csvColumns: [
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'account', type: 'text', value: (r) => r.account },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      { name: 'balance', type: 'amount', value: (r) => r.balance },
      { name: 'annualRate', type: 'number', value: (r) => r.annualRate },
      { name: 'minimumPayment', type: 'amount', value: (r) => r.minimumPayment },
    ],
  };
}
