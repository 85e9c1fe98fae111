import { once, type PortableSection } from '../export/portable';
import type { LedgerAccessService } from './ledger-access.service';

export interface LedgerRecord {
  name: string;
}

/**
 * Which ledger was exported, for the reader. A restore writes into the ledger it is given, which
 * keeps its own name and members: nothing of this section is written.
 */
export function ledgerSection(ledgers: LedgerAccessService): PortableSection<LedgerRecord> {
  return {
    name: 'ledger',
    single: true,
    export: ({ ledgerId }) => once(async () => [{ name: await ledgers.nameOf(ledgerId) }]),
    restore: async () => 0,
    csvColumns: [{ name: 'name', type: 'text', value: (r) => r.name }],
  };
}
