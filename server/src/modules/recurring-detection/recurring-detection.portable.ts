import type { DataSource } from 'typeorm';
import { currencyDigits } from '../../lib/currencies';
import { requireAmount, requireDay, requireText } from '../../lib/validate';
import { fromMinor } from '../../lib/money';
import { requireCurrency } from '../ledger/currency';
import { TransactionKind } from '../ledger/transaction.entity';
import { checked, once, recordAt, RestoreError, type PortableSection } from '../export/portable';
import type { Cadence } from './detect';
import type { RecurringDetectionService } from './recurring-detection.service';
import { RecurringSuggestion, SuggestionStatus } from './recurring-suggestion.entity';

export interface DismissedSuggestionRecord {
  kind: string;
  payee: string;
  payeeKey: string;
  cadence: string;
  rrule: string;
  currency: string;
  amount: string;
  account: string;
  occurrences: number;
  firstDate: string;
  lastDate: string;
  nextDate: string;
}

const CADENCES: Cadence[] = ['WEEKLY', 'BIWEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'];
const KINDS = Object.values(TransactionKind) as string[];

/**
 * Only the dismissed suggestions: open ones are found again by detection from the restored
 * history, accepted ones became recurring rules (their own section).
 */
export function dismissedSuggestionsSection(
  dataSource: DataSource,
  detection: RecurringDetectionService,
): PortableSection<DismissedSuggestionRecord> {
  const name = 'dismissedRecurringSuggestions';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () =>
        (
          await dataSource.manager.find(RecurringSuggestion, {
            where: { ledgerId, status: SuggestionStatus.DISMISSED },
            order: { id: 'ASC' },
          })
        ).map((s) => ({
          kind: s.kind,
          payee: s.payee,
          payeeKey: s.payeeKey,
          cadence: s.cadence,
          rrule: s.rrule,
          currency: s.currency,
          amount: fromMinor(BigInt(s.amountMinor), currencyDigits(s.currency)),
          account: String(s.accountId),
          occurrences: s.occurrences,
          firstDate: s.firstDate,
          lastDate: s.lastDate,
          nextDate: s.nextDate,
        })),
      ),
    async restore(records, { scope, manager, ids }) {
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = (field: string, reason: string) =>
          new RestoreError(name, index, field, reason);
        if (!KINDS.includes(record.kind as string)) throw fail('kind', 'is not a kind');
        if (!CADENCES.includes(record.cadence as Cadence)) {
          throw fail('cadence', `must be one of ${CADENCES.join(', ')}`);
        }
        const accountId = ids.get('accounts', String(record.account));
        if (accountId === undefined) throw fail('account', 'names no account of the export');
        if (!Number.isInteger(record.occurrences)) throw fail('occurrences', 'must be a number');
        const values = checked(name, index, record, () => {
          const currency = requireCurrency(record.currency, 'currency');
          return {
            kind: record.kind as string,
            payee: requireText(record.payee, 'payee', 'Payee', 200),
            payeeKey: requireText(record.payeeKey, 'payeeKey', 'Payee key', 200),
            cadence: record.cadence as Cadence,
            rrule: requireText(record.rrule, 'rrule', 'Rule', 200),
            currency,
            amountMinor: Number(
              requireAmount(
                record.amount,
                'amount',
                'Amount',
                currencyDigits(currency),
                'positive',
              ),
            ),
            accountId,
            occurrences: record.occurrences as number,
            firstDate: requireDay(record.firstDate, 'firstDate'),
            lastDate: requireDay(record.lastDate, 'lastDate'),
            nextDate: requireDay(record.nextDate, 'nextDate'),
          };
        });
        await detection.restoreDismissed(scope.ledgerId, values, manager);
      }
      return records.length;
    },
    csvColumns: [
      { name: 'kind', type: 'text', value: (r) => r.kind },
      { name: 'payee', type: 'text', value: (r) => r.payee },
      { name: 'payeeKey', type: 'text', value: (r) => r.payeeKey },
      { name: 'cadence', type: 'text', value: (r) => r.cadence },
      { name: 'rrule', type: 'text', value: (r) => r.rrule },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      { name: 'amount', type: 'amount', value: (r) => r.amount },
      { name: 'account', type: 'text', value: (r) => r.account },
      { name: 'occurrences', type: 'number', value: (r) => r.occurrences },
      { name: 'firstDate', type: 'date', value: (r) => r.firstDate },
      { name: 'lastDate', type: 'date', value: (r) => r.lastDate },
      { name: 'nextDate', type: 'date', value: (r) => r.nextDate },
    ],
  };
}
