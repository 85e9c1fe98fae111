/**
 * The receipts attached to transactions, for the tax archive. The receipts module provides it
 * (wired in services.ts); without it the archive holds the summary alone.
 */
export interface ReceiptFiles {
  forTransactions(
    ledgerId: number,
    transactionIds: number[],
  ): Promise<{ transactionId: number; name: string; bytes: Uint8Array }[]>;
}

export const noReceipts: ReceiptFiles = { forTransactions: async () => [] };
