import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { engineOf, idColumn, integerColumn, ledgerKey } from './columns';

/**
 * Receipts (their picture, thumbnail, what was read from them and the expense they belong to)
 * and the merchant names users corrected, remembered for the next receipt of that shop.
 */
export class Receipts1765040000000 implements MigrationInterface {
  name = 'Receipts1765040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const engine = engineOf(queryRunner);
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const confidence = (name: string): TableColumnOptions => ({
      name,
      type: 'integer',
      default: 0,
    });
    // MySQL's BLOB stops at 64 KB; LONGBLOB holds up to 4 GB.
    const blob = (name: string): TableColumnOptions => ({
      name,
      type: isMysql ? 'longblob' : 'blob',
    });
    await queryRunner.createTable(
      new Table({
        name: 'receipts',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          integerColumn('userId'),
          text('name', 255),
          text('contentType', 40),
          blob('image'),
          blob('thumbnail'),
          integerColumn('storedBytes'),
          text('status', 10),
          text('failure', 300, true),
          text('merchant', 100, true),
          confidence('merchantConfidence'),
          text('merchantReadKey', 100, true),
          text('suggestedCategory', 100, true),
          { name: 'date', type: 'date', isNullable: true },
          confidence('dateConfidence'),
          { name: 'totalMinor', type: 'bigint', isNullable: true },
          confidence('totalConfidence'),
          text('currency', 3, true),
          { name: 'text', type: 'text', isNullable: true },
          // What the month filter reads: the receipt's date once known, else its upload's month.
          text('month', 7),
          integerColumn('transactionId', true),
          { name: 'taxKept', type: 'boolean', default: 0 },
          { name: 'createdAt', type: 'datetime' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_receipts_ledger', columnNames: ['ledgerId', 'id'] },
          { name: 'IDX_receipts_ledger_month', columnNames: ['ledgerId', 'month', 'id'] },
          { name: 'IDX_receipts_user', columnNames: ['userId'] },
          { name: 'IDX_receipts_transaction', columnNames: ['transactionId'] },
        ],
        foreignKeys: [
          ledgerKey('receipts'),
          {
            name: 'FK_receipts_user',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            // Deleting the expense keeps the receipt, unmatched again.
            name: 'FK_receipts_transaction',
            columnNames: ['transactionId'],
            referencedTableName: 'transactions',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'receipt_merchants',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          // The top line as read (normalised): the next receipt that reads alike is this shop.
          text('readKey', 100),
          text('merchant', 100),
          text('category', 100, true),
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          {
            name: 'UQ_receipt_merchants_key',
            columnNames: ['ledgerId', 'readKey'],
            isUnique: true,
          },
        ],
        foreignKeys: [ledgerKey('receipt_merchants')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('receipt_merchants');
    await queryRunner.dropTable('receipts');
  }
}
