import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { engineOf, foreignKey, idColumn, integerColumn } from './columns';

/**
 * Tax marks (a category or a single transaction is deductible under a tax category), the tax
 * year's start in user settings, and webhook endpoints with their delivery log.
 */
export class TaxAndWebhooks1765120000000 implements MigrationInterface {
  name = 'TaxAndWebhooks1765120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'tax_marks',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          // Exactly one of the two is set: a mark on a category covers all its transactions.
          integerColumn('transactionId', true),
          integerColumn('categoryId', true),
          { name: 'taxCategory', type: 'varchar', length: '50' },
          { name: 'createdAt', type: 'datetime' },
        ],
        // NULLs never collide in a unique index (both databases), so each kind is unique alone.
        uniques: [
          { name: 'UQ_tax_marks_transaction', columnNames: ['ledgerId', 'transactionId'] },
          { name: 'UQ_tax_marks_category', columnNames: ['ledgerId', 'categoryId'] },
        ],
        indices: [
          { name: 'IDX_tax_marks_transaction', columnNames: ['transactionId'] },
          { name: 'IDX_tax_marks_category', columnNames: ['categoryId'] },
        ],
        foreignKeys: [
          foreignKey('tax_marks', 'ledgerId', 'ledgers'),
          foreignKey('tax_marks', 'transactionId', 'transactions'),
          foreignKey('tax_marks', 'categoryId', 'categories'),
        ],
      }),
    );
    await queryRunner.addColumn(
      'user_settings',
      new TableColumn({ name: 'taxYearStart', type: 'varchar', length: '5', isNullable: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoints',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          integerColumn('userId'),
          { name: 'url', type: 'varchar', length: '2000' },
          { name: 'events', type: 'varchar', length: '500' },
          { name: 'secret', type: 'varchar', length: '100' },
          { name: 'active', type: 'boolean' },
          integerColumn('consecutiveFailures'),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_webhook_endpoints_ledger', columnNames: ['ledgerId', 'id'] }],
        foreignKeys: [
          foreignKey('webhook_endpoints', 'ledgerId', 'ledgers'),
          foreignKey('webhook_endpoints', 'userId', 'users'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        ...engine,
        columns: [
          idColumn,
          integerColumn('endpointId'),
          { name: 'eventId', type: 'varchar', length: '36' },
          { name: 'eventType', type: 'varchar', length: '40' },
          integerColumn('attempt'),
          { name: 'ok', type: 'boolean' },
          integerColumn('statusCode', true),
          integerColumn('responseMs', true),
          { name: 'error', type: 'varchar', length: '300', isNullable: true },
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_webhook_deliveries_endpoint', columnNames: ['endpointId', 'id'] }],
        foreignKeys: [foreignKey('webhook_deliveries', 'endpointId', 'webhook_endpoints')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_endpoints');
    await queryRunner.dropColumn('user_settings', 'taxYearStart');
    await queryRunner.dropTable('tax_marks');
  }
}
