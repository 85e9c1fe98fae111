import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { engineOf, foreignKey, idColumn, integerColumn } from './columns';

/** Securities, trades, prices, splits and dividends of INVESTMENT accounts. */
export class Investments1765060000000 implements MigrationInterface {
  name = 'Investments1765060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    const bigint = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
    await queryRunner.createTable(
      new Table({
        name: 'securities',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          { name: 'symbol', type: 'varchar', length: '20' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'assetClass', type: 'varchar', length: '20' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          { name: 'UQ_securities_symbol', columnNames: ['ledgerId', 'symbol'], isUnique: true },
        ],
        foreignKeys: [foreignKey('securities', 'ledgerId', 'ledgers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'trades',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          integerColumn('accountId'),
          integerColumn('securityId'),
          { name: 'side', type: 'varchar', length: '4' },
          { name: 'date', type: 'date' },
          bigint('quantityUnits'),
          bigint('priceUnits'),
          integerColumn('priceScale'),
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
          foreignKey('trades', 'ledgerId', 'ledgers'),
          foreignKey('trades', 'accountId', 'accounts'),
          foreignKey('trades', 'securityId', 'securities'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'security_prices',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          integerColumn('securityId'),
          { name: 'date', type: 'date' },
          bigint('priceUnits'),
          integerColumn('priceScale'),
          { name: 'source', type: 'varchar', length: '10' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          { name: 'UQ_security_prices_day', columnNames: ['securityId', 'date'], isUnique: true },
          { name: 'IDX_security_prices_ledger', columnNames: ['ledgerId', 'securityId', 'date'] },
        ],
        foreignKeys: [
          foreignKey('security_prices', 'ledgerId', 'ledgers'),
          foreignKey('security_prices', 'securityId', 'securities'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'security_splits',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          integerColumn('securityId'),
          integerColumn('accountId', true),
          { name: 'date', type: 'date' },
          integerColumn('ratioNum'),
          integerColumn('ratioDen'),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_security_splits_ledger', columnNames: ['ledgerId', 'date'] }],
        foreignKeys: [
          foreignKey('security_splits', 'ledgerId', 'ledgers'),
          foreignKey('security_splits', 'securityId', 'securities'),
          foreignKey('security_splits', 'accountId', 'accounts'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'dividends',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          integerColumn('accountId'),
          integerColumn('securityId'),
          integerColumn('transactionId'),
          { name: 'date', type: 'date' },
          bigint('amountMinor'),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_dividends_ledger', columnNames: ['ledgerId', 'date'] },
          { name: 'UQ_dividends_transaction', columnNames: ['transactionId'], isUnique: true },
        ],
        foreignKeys: [
          foreignKey('dividends', 'ledgerId', 'ledgers'),
          foreignKey('dividends', 'accountId', 'accounts'),
          foreignKey('dividends', 'securityId', 'securities'),
          foreignKey('dividends', 'transactionId', 'transactions'),
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
