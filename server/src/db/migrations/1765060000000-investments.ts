import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** Securities, trades, prices, splits and dividends of INVESTMENT accounts. */
export class Investments1765060000000 implements MigrationInterface {
  name = 'Investments1765060000000';

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
    const bigint = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
    const key = (table: string, column: string, referenced: string) => ({
      name: `FK_${table}_${column}`,
      columnNames: [column],
      referencedTableName: referenced,
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });
    await queryRunner.createTable(
      new Table({
        name: 'securities',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          { name: 'symbol', type: 'varchar', length: '20' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'assetClass', type: 'varchar', length: '20' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          { name: 'UQ_securities_symbol', columnNames: ['ledgerId', 'symbol'], isUnique: true },
        ],
        foreignKeys: [key('securities', 'ledgerId', 'ledgers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'trades',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          integer('accountId'),
          integer('securityId'),
          { name: 'side', type: 'varchar', length: '4' },
          { name: 'date', type: 'date' },
          bigint('quantityUnits'),
          bigint('priceUnits'),
          integer('priceScale'),
          bigint('feesMinor'),
          { name: 'createdAt', type: 'datetime' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_trades_ledger_date', columnNames: ['ledgerId', 'date', 'id'] },
          { name: 'IDX_trades_account', columnNames: ['accountId', 'date'] },
          { name: 'IDX_trades_security', columnNames: ['securityId'] },
        ],
        foreignKeys: [
          key('trades', 'ledgerId', 'ledgers'),
          key('trades', 'accountId', 'accounts'),
          key('trades', 'securityId', 'securities'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'security_prices',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          integer('securityId'),
          { name: 'date', type: 'date' },
          bigint('priceUnits'),
          integer('priceScale'),
          { name: 'source', type: 'varchar', length: '10' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          { name: 'UQ_security_prices_day', columnNames: ['securityId', 'date'], isUnique: true },
          { name: 'IDX_security_prices_ledger', columnNames: ['ledgerId', 'securityId', 'date'] },
        ],
        foreignKeys: [
          key('security_prices', 'ledgerId', 'ledgers'),
          key('security_prices', 'securityId', 'securities'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'security_splits',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          integer('securityId'),
          integer('accountId', true),
          { name: 'date', type: 'date' },
          integer('ratioNum'),
          integer('ratioDen'),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_security_splits_ledger', columnNames: ['ledgerId', 'date'] }],
        foreignKeys: [
          key('security_splits', 'ledgerId', 'ledgers'),
          key('security_splits', 'securityId', 'securities'),
          key('security_splits', 'accountId', 'accounts'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'dividends',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          integer('accountId'),
          integer('securityId'),
          integer('transactionId'),
          { name: 'date', type: 'date' },
          bigint('amountMinor'),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_dividends_ledger', columnNames: ['ledgerId', 'date'] },
          { name: 'UQ_dividends_transaction', columnNames: ['transactionId'], isUnique: true },
        ],
        foreignKeys: [
          key('dividends', 'ledgerId', 'ledgers'),
          key('dividends', 'accountId', 'accounts'),
          key('dividends', 'securityId', 'securities'),
          key('dividends', 'transactionId', 'transactions'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'dividends',
      'security_splits',
      'security_prices',
      'trades',
      'securities',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
