import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Uploaded files (kept in the database so that any instance can read what another received)
 * and a ledger's exchange rates.
 */
export class UploadsAndRates1764800000000 implements MigrationInterface {
  name = 'UploadsAndRates1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const tableOptions = isMysql ? { engine: 'InnoDB' } : {};
    const text = (name: string, length: number) => ({
      name,
      type: 'varchar',
      length: String(length),
      ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
    await queryRunner.createTable(
      new Table({
        name: 'uploads',
        ...tableOptions,
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'userId', type: 'integer' },
          text('name', 255),
          text('type', 100),
          { name: 'size', type: 'integer' },
          // MySQL's BLOB stops at 64 KB; LONGBLOB holds up to 4 GB.
          { name: 'content', type: isMysql ? 'longblob' : 'blob' },
          { name: 'createdAt', type: 'datetime' },
          { name: 'expiresAt', type: 'datetime' },
          { name: 'keep', type: 'boolean', default: 0 },
        ],
        indices: [
          { name: 'IDX_uploads_user', columnNames: ['userId'] },
          { name: 'IDX_uploads_expiry', columnNames: ['keep', 'expiresAt'] },
        ],
        foreignKeys: [
          {
            name: 'FK_uploads_user',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'exchange_rates',
        ...tableOptions,
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'ledgerId', type: 'integer' },
          text('base', 3),
          text('quote', 3),
          { name: 'date', type: 'date' },
          // A decimal string: up to 12 whole and 12 fractional digits, exact on both databases.
          text('rate', 25),
          text('source', 10),
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          // The pair's rate of a day is unique; the index also serves "latest on or before".
          {
            name: 'UQ_exchange_rates_pair_date',
            columnNames: ['ledgerId', 'base', 'quote', 'date'],
            isUnique: true,
          },
          // The same lookup from the quote's side (inverse and cross rates).
          { name: 'IDX_exchange_rates_quote', columnNames: ['ledgerId', 'quote', 'base', 'date'] },
          // The list, newest first.
          { name: 'IDX_exchange_rates_date', columnNames: ['ledgerId', 'date'] },
        ],
        foreignKeys: [
          {
            name: 'FK_exchange_rates_ledger',
            columnNames: ['ledgerId'],
            referencedTableName: 'ledgers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('exchange_rates');
    await queryRunner.dropTable('uploads');
  }
}
