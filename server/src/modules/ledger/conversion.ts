/**
 * What the ledger needs of exchange rates (the rates module provides it): an amount in one
 * currency expressed in another at the rate of `date` (or the latest earlier one), rounded
 * half-even to the target's minor digits. A missing rate is a BAD_USER_INPUT naming the pair,
 * the date and `field`.
 */
export interface Conversion {
  amountMinor: bigint;
  rate: string;
  rateDate: string;
  source: string;
}

export interface CurrencyConverter {
  convert(
    ledgerId: number,
    amountMinor: bigint,
    from: string,
    to: string,
    date: string,
    field?: string,
  ): Promise<Conversion>;
}
