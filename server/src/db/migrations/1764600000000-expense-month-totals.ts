import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each user's spending per month and category, kept in step with every write to `expenses` in
 * the same transaction (expense.service.ts). The dashboard reads at most 12 months x categories
 * rows from here instead of summing years of expenses, so its cost does not grow with history.
 * A row exists exactly while at least one expense falls in its month and category.
 */
export class ExpenseMonthTotals1764600000000 implements MigrationInterface {
  name = 'ExpenseMonthTotals1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'expense_month_totals',
        ...(isMysql ? { engine: 'InnoDB' } : {}),
        columns: [
          { name: 'userId', type: 'integer', isPrimary: true },
          {
            name: 'month',
            type: 'varchar',
            length: '7',
            isPrimary: true,
            ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
          },
          { name: 'categoryId', type: 'integer', isPrimary: true },
          { name: 'amountMinor', type: 'bigint' },
          { name: 'expenseCount', type: 'integer' },
        ],
        indices: [{ name: 'IDX_expense_month_totals_category', columnNames: ['categoryId'] }],
        foreignKeys: [
          {
            name: 'FK_expense_month_totals_user',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            // A category is deleted only once it has no expenses, so only empty totals remain.
            name: 'FK_expense_month_totals_category',
            columnNames: ['categoryId'],
            referencedTableName: 'categories',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.query(
      'INSERT INTO expense_month_totals (userId, month, categoryId, amountMinor, expenseCount) ' +
        'SELECT userId, SUBSTR(date, 1, 7), categoryId, SUM(amountMinor), COUNT(*) FROM expenses ' +
        'GROUP BY userId, SUBSTR(date, 1, 7), categoryId',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('expense_month_totals');
  }
}
