import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { varcharColumn } from './columns';

/**
 * A shared ledger's reporting currency: budgets, targets and every transaction's reporting
 * amount are in it, whoever of its members writes, so that they add up. A personal ledger keeps
 * null and follows its owner's currency. Shared ledgers made before take their longest-standing
 * member's currency (the creator's, unless the creator left).
 */
export class LedgerCurrency1765260000000 implements MigrationInterface {
  name = 'LedgerCurrency1765260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('ledgers', new TableColumn(varcharColumn('currency', 3, true)));
    await queryRunner.query(
      'UPDATE ledgers SET currency = (SELECT u.currency FROM ledger_members m ' +
        'INNER JOIN users u ON u.id = m.userId WHERE m.ledgerId = ledgers.id ' +
        'ORDER BY m.createdAt ASC, m.userId ASC LIMIT 1) WHERE personalUserId IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('ledgers', 'currency');
  }
}
