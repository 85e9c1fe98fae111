import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Written with QueryRunner's Table API so that the one migration runs on SQLite and on MySQL.
 * Every table is keyed and indexed by user first: every query is scoped to one user.
 */
export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const id: TableColumnOptions = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    };
    // User text is stored byte for byte (emoji, right-to-left marks): utf8mb4 with a binary
    // collation on MySQL; case-insensitive matching goes through the lower-cased *Key columns.
    const text = (name: string, length: number): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
    const integer = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    const minorUnits = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
    const timestamp = (name: string): TableColumnOptions => ({ name, type: 'datetime' });
    const userForeignKey = {
      columnNames: ['userId'],
      referencedTableName: 'users',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    };
    const mysqlTableOptions = isMysql ? { engine: 'InnoDB' } : {};

    await queryRunner.createTable(
      new Table({
        name: 'users',
        ...mysqlTableOptions,
        columns: [
          id,
          text('firstname', 100),
          text('lastname', 100),
          text('email', 254),
          text('emailKey', 254),
          text('username', 50),
          text('usernameKey', 50),
          text('passwordHash', 255),
          text('currency', 3),
          timestamp('createdAt'),
          timestamp('updatedAt'),
        ],
        indices: [
          { name: 'UQ_users_emailKey', columnNames: ['emailKey'], isUnique: true },
          { name: 'UQ_users_usernameKey', columnNames: ['usernameKey'], isUnique: true },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        ...mysqlTableOptions,
        columns: [
          id,
          text('tokenHash', 64),
          integer('userId'),
          timestamp('createdAt'),
          timestamp('lastSeenAt'),
          timestamp('expiresAt'),
          timestamp('absoluteExpiresAt'),
        ],
        indices: [
          { name: 'UQ_sessions_tokenHash', columnNames: ['tokenHash'], isUnique: true },
          { name: 'IDX_sessions_userId', columnNames: ['userId'] },
        ],
        foreignKeys: [{ name: 'FK_sessions_user', ...userForeignKey }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'categories',
        ...mysqlTableOptions,
        columns: [
          id,
          integer('userId'),
          text('name', 50),
          text('nameKey', 50),
          timestamp('createdAt'),
        ],
        indices: [
          {
            name: 'UQ_categories_user_nameKey',
            columnNames: ['userId', 'nameKey'],
            isUnique: true,
          },
        ],
        foreignKeys: [{ name: 'FK_categories_user', ...userForeignKey }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'expenses',
        ...mysqlTableOptions,
        columns: [
          id,
          integer('userId'),
          text('description', 200),
          minorUnits('amountMinor'),
          integer('categoryId'),
          { name: 'date', type: 'date' },
          timestamp('createdAt'),
          timestamp('updatedAt'),
        ],
        indices: [
          // Month ranges, the newest-first list and its cursor: (userId, date, id).
          { name: 'IDX_expenses_user_date', columnNames: ['userId', 'date', 'id'] },
          // Per-category spending in a month and the category filter.
          {
            name: 'IDX_expenses_user_category_date',
            columnNames: ['userId', 'categoryId', 'date'],
          },
          { name: 'IDX_expenses_category', columnNames: ['categoryId'] },
        ],
        foreignKeys: [
          { name: 'FK_expenses_user', ...userForeignKey },
          {
            name: 'FK_expenses_category',
            columnNames: ['categoryId'],
            referencedTableName: 'categories',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'budgets',
        ...mysqlTableOptions,
        columns: [
          id,
          integer('userId'),
          text('month', 7),
          minorUnits('amountMinor'),
          timestamp('createdAt'),
          timestamp('updatedAt'),
        ],
        indices: [
          { name: 'UQ_budgets_user_month', columnNames: ['userId', 'month'], isUnique: true },
        ],
        foreignKeys: [{ name: 'FK_budgets_user', ...userForeignKey }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'budget_categories',
        ...mysqlTableOptions,
        columns: [
          id,
          integer('userId'),
          integer('categoryId'),
          text('targetMonth', 7),
          minorUnits('targetAmountMinor'),
          timestamp('createdAt'),
          timestamp('updatedAt'),
        ],
        indices: [
          {
            name: 'UQ_budget_categories_user_month_category',
            columnNames: ['userId', 'targetMonth', 'categoryId'],
            isUnique: true,
          },
          { name: 'IDX_budget_categories_category', columnNames: ['categoryId'] },
        ],
        foreignKeys: [
          { name: 'FK_budget_categories_user', ...userForeignKey },
          {
            name: 'FK_budget_categories_category',
            columnNames: ['categoryId'],
            referencedTableName: 'categories',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'budget_categories',
      'budgets',
      'expenses',
      'categories',
      'sessions',
      'users',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
