import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { engineOf, idColumn, integerColumn, ledgerKey } from './columns';

/**
 * Category rules ("payee contains X -> category Z") and recurring suggestions found in a
 * ledger's history, with the ones the user dismissed (never suggested again).
 */
export class CategoryRules1765030000000 implements MigrationInterface {
  name = 'CategoryRules1765030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const engine = engineOf(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'category_rules',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          { name: 'matchText', type: 'varchar', length: '100' },
          integerColumn('categoryId'),
          integerColumn('accountId', true),
          // The currency of the amount range: the account's, else the writer's reporting one.
          { name: 'currency', type: 'varchar', length: '3', isNullable: true },
          { name: 'minAmountMinor', type: 'bigint', isNullable: true },
          { name: 'maxAmountMinor', type: 'bigint', isNullable: true },
          integerColumn('createdByUserId', true),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_category_rules_ledger', columnNames: ['ledgerId', 'id'] },
          { name: 'IDX_category_rules_category', columnNames: ['categoryId'] },
          { name: 'IDX_category_rules_account', columnNames: ['accountId'] },
        ],
        foreignKeys: [
          ledgerKey('category_rules'),
          {
            // A rule names its category: deleting the category deletes its rules.
            name: 'FK_category_rules_category',
            columnNames: ['categoryId'],
            referencedTableName: 'categories',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'FK_category_rules_account',
            columnNames: ['accountId'],
            referencedTableName: 'accounts',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'recurring_suggestions',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          // The normalised payee and the cadence (e.g. "MONTHLY"): a series' identity, so that
          // a dismissed one stays dismissed when detection runs again.
          {
            name: 'payeeKey',
            type: 'varchar',
            length: '200',
            ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
          },
          { name: 'cadence', type: 'varchar', length: '20' },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'payee', type: 'varchar', length: '200' },
          { name: 'rrule', type: 'varchar', length: '200' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'amountMinor', type: 'bigint' },
          integerColumn('accountId'),
          integerColumn('occurrences'),
          { name: 'firstDate', type: 'date' },
          { name: 'lastDate', type: 'date' },
          { name: 'nextDate', type: 'date' },
          // OPEN, DISMISSED or ACCEPTED.
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          {
            name: 'UQ_recurring_suggestions_series',
            columnNames: ['ledgerId', 'kind', 'payeeKey', 'cadence'],
            isUnique: true,
          },
        ],
        foreignKeys: [ledgerKey('recurring_suggestions')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('recurring_suggestions');
    await queryRunner.dropTable('category_rules');
  }
}
