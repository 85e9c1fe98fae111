import { badInput } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { requireAmount, requireDay } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import type { Account } from './account.entity';
import type { Conversion } from './conversion';

/**
 * The amounts and rate a transaction was booked with, as an export holds them: the amount in the
 * account's currency and in the reporting currency, and the rate to the reporting currency with
 * its day and source. Restored as they were: today's rates may differ, or be missing.
 */
export interface BookedConversion {
  accountAmount: unknown;
  reportingAmount: unknown;
  rate: unknown;
  rateDate: unknown;
  rateSource: unknown;
}

export const RATE_SOURCES = ['SAME', 'MANUAL', 'ECB', 'PROVIDER'];

/**
 * A restored transaction's booked amounts, checked against its currencies: one currency means
 * the same amount and the rate "1", as the write path itself books them.
 */
export function bookedConversion(
  booked: BookedConversion | undefined,
  scope: LedgerScope,
  account: Account,
  currency: string,
  amountMinor: bigint,
): { accountAmount: bigint; reporting: Conversion } {
  if (!booked) throw badInput('reportingAmount', 'A restored transaction needs its booked amounts');
  const accountAmount = requireAmount(
    booked.accountAmount,
    'accountAmount',
    'Amount in the account currency',
    currencyDigits(account.currency),
    'non-negative',
  );
  const reportingMinor = requireAmount(
    booked.reportingAmount,
    'reportingAmount',
    'Reporting amount',
    currencyDigits(scope.user.currency),
    'non-negative',
  );
  const rate = typeof booked.rate === 'string' ? booked.rate : '';
  // Derived (inverse, cross) rates carry more decimals than a stored one: any positive decimal.
  if (rate.length > 40 || !/^\d+(\.\d+)?$/.test(rate) || !/[1-9]/.test(rate)) {
    throw badInput('rate', 'Rate must be a positive decimal such as 1.0825');
  }
  const rateDate = requireDay(booked.rateDate, 'rateDate', 'Rate date');
  if (typeof booked.rateSource !== 'string' || !RATE_SOURCES.includes(booked.rateSource)) {
    throw badInput('rateSource', `Rate source must be one of ${RATE_SOURCES.join(', ')}`);
  }
  if (currency === account.currency && accountAmount !== amountMinor) {
    throw badInput('accountAmount', 'In the account currency the amount is the amount itself');
  }
  if (currency === scope.user.currency && (reportingMinor !== amountMinor || rate !== '1')) {
    throw badInput(
      'reportingAmount',
      'In the reporting currency the reporting amount is the amount itself, at the rate 1',
    );
  }
  return {
    accountAmount,
    reporting: { amountMinor: reportingMinor, rate, rateDate, source: booked.rateSource },
  };
}
