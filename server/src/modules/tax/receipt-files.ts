/**
 * The receipts attached to transactions, for the tax archive. The receipts module provides it
 * (wired in services.ts; tests may pass their own).
 */
export interface ReceiptFiles {
  forTransactions(
    ledgerId: number,
    transactionIds: number[],
  ): Promise<{ transactionId: number; name: string; bytes: Uint8Array }[]>;
}
