import {
  Table,
  TableColumn,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

/**
 * Tax marks (a category or a single transaction is deductible under a tax category), the tax
 * year's start in user settings, and webhook endpoints with their delivery log.
 */
export class TaxAndWebhooks1765120000000 implements MigrationInterface {
  name = 'TaxAndWebhooks1765120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const engine = isMysql ? { engine: 'InnoDB' } : {};
    const id: TableColumnOptions = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    };
    const integer = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
    });
    const cascade = (table: string, column: string, target: string) => ({
      name: `FK_${table}_${column}`,
      columnNames: [column],
      referencedTableName: target,
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });
    await queryRunner.createTable(
      new Table({
        name: 'tax_marks',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          // Exactly one of the two is set: a mark on a category covers all its transactions.
          integer('transactionId', true),
          integer('categoryId', true),
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
          cascade('tax_marks', 'ledgerId', 'ledgers'),
          cascade('tax_marks', 'transactionId', 'transactions'),
          cascade('tax_marks', 'categoryId', 'categories'),
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
          id,
          integer('ledgerId'),
          integer('userId'),
          { name: 'url', type: 'varchar', length: '2000' },
          { name: 'events', type: 'varchar', length: '500' },
          { name: 'secret', type: 'varchar', length: '100' },
          { name: 'active', type: 'boolean' },
          integer('consecutiveFailures'),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_webhook_endpoints_ledger', columnNames: ['ledgerId', 'id'] }],
        foreignKeys: [
          cascade('webhook_endpoints', 'ledgerId', 'ledgers'),
          cascade('webhook_endpoints', 'userId', 'users'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        ...engine,
        columns: [
          id,
          integer('endpointId'),
          { name: 'eventId', type: 'varchar', length: '36' },
          { name: 'eventType', type: 'varchar', length: '40' },
          integer('attempt'),
          { name: 'ok', type: 'boolean' },
          integer('statusCode', true),
          integer('responseMs', true),
          { name: 'error', type: 'varchar', length: '300', isNullable: true },
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_webhook_deliveries_endpoint', columnNames: ['endpointId', 'id'] }],
        foreignKeys: [cascade('webhook_deliveries', 'endpointId', 'webhook_endpoints')],
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
