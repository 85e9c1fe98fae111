import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { varcharColumn } from './columns';

/**
 * A deleted transaction leaves no row to show who deleted it: its ledger event keeps the amount
 * and currency (the description goes in `detail`), so that members still see what went.
 */
export class LedgerEventAmounts1765261000000 implements MigrationInterface {
  name = 'LedgerEventAmounts1765261000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('ledger_events', [
      new TableColumn({ name: 'amountMinor', type: 'bigint', isNullable: true }),
      new TableColumn(varcharColumn('currency', 3, true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('ledger_events', 'currency');
    await queryRunner.dropColumn('ledger_events', 'amountMinor');
  }
}
