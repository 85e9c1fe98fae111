import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const WIDE = 'IDX_transactions_ledger_category_date_amount';
const NARROW = 'IDX_transactions_ledger_category_date';

/**
 * The (ledgerId, categoryId, date, id) index also carries kind and the reporting amount, so
 * that a category's most recent expense amounts (insights' outlier history) are read from the
 * index alone; every query the narrower index served, it serves the same way. Replaced, not
 * added beside it: writes keep the same number of indexes to maintain.
 */
export class InsightsIndexes1765220000000 implements MigrationInterface {
  name = 'InsightsIndexes1765220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The wide one first: MySQL keeps the ledger's foreign key on some index at every step.
    await queryRunner.createIndex(
      'transactions',
      new TableIndex({
        name: WIDE,
        columnNames: ['ledgerId', 'categoryId', 'date', 'id', 'kind', 'reportingAmountMinor'],
      }),
    );
    await queryRunner.dropIndex('transactions', NARROW);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'transactions',
      new TableIndex({ name: NARROW, columnNames: ['ledgerId', 'categoryId', 'date', 'id'] }),
    );
    await queryRunner.dropIndex('transactions', WIDE);
  }
}
