import {
  Table,
  TableColumn,
  TableForeignKey,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

/**
 * Accounts and transactions (expense, income, transfer) in many currencies, owned by a ledger;
 * categories, budgets and targets move into the ledger too. Every existing user gets a default
 * account in their currency, every expense becomes an EXPENSE transaction of that account with
 * its id kept (scripts hold those ids), and the month totals are rebuilt per account and kind.
 */
export class LedgerMoney1764710000000 implements MigrationInterface {
  name = 'LedgerMoney1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const tableOptions = isMysql ? { engine: 'InnoDB' } : {};
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
      ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
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
    const minor = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'bigint',
      isNullable: nullable,
    });
    const timestamp = (name: string): TableColumnOptions => ({ name, type: 'datetime' });
    const ledgerForeignKey = (table: string) => ({
      name: `FK_${table}_ledger`,
      columnNames: ['ledgerId'],
      referencedTableName: 'ledgers',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });

    await queryRunner.createTable(
      new Table({
        name: 'accounts',
        ...tableOptions,
        columns: [
          id,
          integer('ledgerId'),
          text('name', 100),
          text('nameKey', 100),
          text('type', 20),
          text('currency', 3),
          minor('openingBalanceMinor'),
          { name: 'archived', type: 'boolean', default: false },
          timestamp('createdAt'),
          timestamp('updatedAt'),
        ],
        indices: [
          {
            name: 'UQ_accounts_ledger_nameKey',
            columnNames: ['ledgerId', 'nameKey'],
            isUnique: true,
          },
        ],
        foreignKeys: [ledgerForeignKey('accounts')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'transactions',
        ...tableOptions,
        columns: [
          id,
          integer('ledgerId'),
          text('kind', 10),
          { name: 'date', type: 'date' },
          text('description', 200),
          text('payee', 200, true),
          integer('accountId'),
          // The transaction's own amount and currency, as written (always > 0).
          text('currency', 3),
          minor('amountMinor'),
          // The same amount in the account's currency: what the account's balance moves by.
          minor('accountAmountMinor'),
          // Transfers: where the money arrived, and how much arrived there.
          integer('toAccountId', true),
          minor('toAmountMinor', true),
          integer('categoryId', true),
          // In the ledger's reporting currency at the rate fixed at booking.
          minor('reportingAmountMinor'),
          text('rate', 40),
          { name: 'rateDate', type: 'date' },
          text('rateSource', 20),
          integer('createdByUserId', true),
          integer('updatedByUserId', true),
          timestamp('createdAt'),
          timestamp('updatedAt'),
        ],
        indices: [
          // The newest-first list and its cursor, month ranges: (ledgerId, date, id).
          { name: 'IDX_transactions_ledger_date', columnNames: ['ledgerId', 'date', 'id'] },
          // Per-kind lists and sums (daily spending): (ledgerId, kind, date, id).
          {
            name: 'IDX_transactions_ledger_kind_date',
            columnNames: ['ledgerId', 'kind', 'date', 'id'],
          },
          {
            name: 'IDX_transactions_ledger_category_date',
            columnNames: ['ledgerId', 'categoryId', 'date', 'id'],
          },
          {
            name: 'IDX_transactions_account_date',
            columnNames: ['accountId', 'date', 'id'],
          },
          {
            name: 'IDX_transactions_to_account_date',
            columnNames: ['toAccountId', 'date', 'id'],
          },
          { name: 'IDX_transactions_category', columnNames: ['categoryId'] },
        ],
        foreignKeys: [
          ledgerForeignKey('transactions'),
          {
            name: 'FK_transactions_account',
            columnNames: ['accountId'],
            referencedTableName: 'accounts',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
          {
            name: 'FK_transactions_to_account',
            columnNames: ['toAccountId'],
            referencedTableName: 'accounts',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
          {
            name: 'FK_transactions_category',
            columnNames: ['categoryId'],
            referencedTableName: 'categories',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
      }),
    );

    // A row exists exactly while some transaction falls in it. categoryId 0: no category.
    await queryRunner.createTable(
      new Table({
        name: 'ledger_month_totals',
        ...tableOptions,
        columns: [
          { ...integer('ledgerId'), isPrimary: true },
          { ...text('month', 7), isPrimary: true },
          { ...integer('accountId'), isPrimary: true },
          { ...integer('categoryId'), isPrimary: true },
          // EXPENSE, INCOME, TRANSFER_OUT (from accountId), TRANSFER_IN (to accountId).
          { ...text('flow', 12), isPrimary: true },
          minor('amountMinor'),
          minor('reportingMinor'),
          integer('transactionCount'),
        ],
        foreignKeys: [ledgerForeignKey('ledger_month_totals')],
      }),
    );

    // Categories, budgets and targets belong to the ledger from now on.
    for (const [table, oldIndex, columns] of [
      ['categories', 'UQ_categories_user_nameKey', ['ledgerId', 'nameKey']],
      ['budgets', 'UQ_budgets_user_month', ['ledgerId', 'month']],
      [
        'budget_categories',
        'UQ_budget_categories_user_month_category',
        ['ledgerId', 'targetMonth', 'categoryId'],
      ],
    ] as const) {
      await queryRunner.addColumn(table, new TableColumn(integer('ledgerId', true)));
      await queryRunner.query(
        `UPDATE ${table} SET ledgerId = (SELECT l.id FROM ledgers l WHERE l.personalUserId = ${table}.userId)`,
      );
      await queryRunner.changeColumn(table, 'ledgerId', new TableColumn(integer('ledgerId')));
      await queryRunner.createIndex(
        table,
        new TableIndex({
          name: `UQ_${table}_ledger_${columns.slice(1).join('_')}`,
          columnNames: [...columns],
          isUnique: true,
        }),
      );
      // MySQL keeps the user foreign key on an index of its own before the old one goes.
      await queryRunner.createIndex(
        table,
        new TableIndex({ name: `IDX_${table}_user`, columnNames: ['userId'] }),
      );
      await queryRunner.dropIndex(table, oldIndex);
      await queryRunner.createForeignKey(table, new TableForeignKey(ledgerForeignKey(table)));
    }

    await queryRunner.query(
      'INSERT INTO accounts (ledgerId, name, nameKey, type, currency, openingBalanceMinor, archived, createdAt, updatedAt) ' +
        "SELECT l.id, 'Main account', 'main account', 'CHECKING', u.currency, 0, 0, u.createdAt, u.createdAt " +
        'FROM ledgers l INNER JOIN users u ON u.id = l.personalUserId',
    );
    await queryRunner.query(
      'INSERT INTO transactions (id, ledgerId, kind, date, description, payee, accountId, currency, ' +
        'amountMinor, accountAmountMinor, toAccountId, toAmountMinor, categoryId, reportingAmountMinor, ' +
        'rate, rateDate, rateSource, createdByUserId, updatedByUserId, createdAt, updatedAt) ' +
        "SELECT e.id, l.id, 'EXPENSE', e.date, e.description, NULL, a.id, a.currency, e.amountMinor, " +
        "e.amountMinor, NULL, NULL, e.categoryId, e.amountMinor, '1', e.date, 'SAME', e.userId, e.userId, " +
        'e.createdAt, e.updatedAt FROM expenses e ' +
        'INNER JOIN ledgers l ON l.personalUserId = e.userId INNER JOIN accounts a ON a.ledgerId = l.id',
    );
    await queryRunner.query(
      'INSERT INTO ledger_month_totals (ledgerId, month, accountId, categoryId, flow, amountMinor, reportingMinor, transactionCount) ' +
        "SELECT ledgerId, SUBSTR(date, 1, 7), accountId, categoryId, 'EXPENSE', SUM(accountAmountMinor), " +
        'SUM(reportingAmountMinor), COUNT(*) FROM transactions ' +
        'GROUP BY ledgerId, SUBSTR(date, 1, 7), accountId, categoryId',
    );
    await queryRunner.dropTable('expense_month_totals');
    await queryRunner.dropTable('expenses');
  }

  async down(): Promise<void> {
    // Transactions of other kinds and accounts have no place in the old schema.
    throw new Error('The ledger migration cannot be undone; restore a backup instead');
  }
}
