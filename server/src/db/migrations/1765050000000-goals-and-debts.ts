import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Savings goals (with their entered contributions and the accounts whose balances count towards
 * them) and debts (entered by hand, or following a loan or card account).
 */
export class GoalsAndDebts1765050000000 implements MigrationInterface {
  name = 'GoalsAndDebts1765050000000';

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
    const reference = (table: string, column: string, target: string) => ({
      name: `FK_${table}_${column}`,
      columnNames: [column],
      referencedTableName: target,
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });
    await queryRunner.createTable(
      new Table({
        name: 'goals',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'targetAmountMinor', type: 'bigint' },
          { name: 'targetDate', type: 'date', isNullable: true },
          // The highest milestone (25, 50, 75, 100) already announced: a goal that falls back
          // below it and climbs again does not announce it twice.
          integer('milestoneReached'),
          { name: 'createdAt', type: 'datetime' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_goals_ledger', columnNames: ['ledgerId', 'id'] }],
        foreignKeys: [reference('goals', 'ledgerId', 'ledgers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'goal_contributions',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          integer('goalId'),
          { name: 'date', type: 'date' },
          { name: 'amountMinor', type: 'bigint' },
          { name: 'note', type: 'varchar', length: '200', isNullable: true },
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_goal_contributions_goal', columnNames: ['goalId', 'date'] },
          { name: 'IDX_goal_contributions_ledger', columnNames: ['ledgerId'] },
        ],
        foreignKeys: [
          reference('goal_contributions', 'ledgerId', 'ledgers'),
          reference('goal_contributions', 'goalId', 'goals'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'goal_accounts',
        ...engine,
        columns: [
          { ...integer('goalId'), isPrimary: true },
          { ...integer('accountId'), isPrimary: true },
          integer('ledgerId'),
        ],
        indices: [
          { name: 'IDX_goal_accounts_ledger', columnNames: ['ledgerId'] },
          { name: 'IDX_goal_accounts_account', columnNames: ['accountId'] },
        ],
        foreignKeys: [
          reference('goal_accounts', 'goalId', 'goals'),
          // Deleting an account (only possible without transactions) unlinks it.
          reference('goal_accounts', 'accountId', 'accounts'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'debts',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          { name: 'name', type: 'varchar', length: '100' },
          // Set: the balance is the account's, read when needed; null: entered by hand.
          integer('accountId', true),
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'balanceMinor', type: 'bigint' },
          // A decimal string ("0.199" = 19.9 % a year), kept exactly as validated.
          { name: 'annualRate', type: 'varchar', length: '12' },
          { name: 'minimumPaymentMinor', type: 'bigint' },
          { name: 'createdAt', type: 'datetime' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_debts_ledger', columnNames: ['ledgerId', 'id'] },
          { name: 'UQ_debts_account', columnNames: ['accountId'], isUnique: true },
        ],
        foreignKeys: [
          reference('debts', 'ledgerId', 'ledgers'),
          reference('debts', 'accountId', 'accounts'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('debts');
    await queryRunner.dropTable('goal_accounts');
    await queryRunner.dropTable('goal_contributions');
    await queryRunner.dropTable('goals');
  }
}
