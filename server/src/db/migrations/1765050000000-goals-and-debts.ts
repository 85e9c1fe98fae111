import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { engineOf, foreignKey, idColumn, integerColumn } from './columns';

/**
 * Savings goals (with their entered contributions and the accounts whose balances count towards
 * them) and debts (entered by hand, or following a loan or card account).
 */
export class GoalsAndDebts1765050000000 implements MigrationInterface {
  name = 'GoalsAndDebts1765050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'goals',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'targetAmountMinor', type: 'bigint' },
          { name: 'targetDate', type: 'date', isNullable: true },
          // The highest milestone (25, 50, 75, 100) already announced: a goal that falls back
          // below it and climbs again does not announce it twice.
          integerColumn('milestoneReached'),
          { name: 'createdAt', type: 'datetime' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_goals_ledger', columnNames: ['ledgerId', 'id'] }],
        foreignKeys: [foreignKey('goals', 'ledgerId', 'ledgers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'goal_contributions',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          integerColumn('goalId'),
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
          foreignKey('goal_contributions', 'ledgerId', 'ledgers'),
          foreignKey('goal_contributions', 'goalId', 'goals'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'goal_accounts',
        ...engine,
        columns: [
          { ...integerColumn('goalId'), isPrimary: true },
          { ...integerColumn('accountId'), isPrimary: true },
          integerColumn('ledgerId'),
        ],
        indices: [
          { name: 'IDX_goal_accounts_ledger', columnNames: ['ledgerId'] },
          { name: 'IDX_goal_accounts_account', columnNames: ['accountId'] },
        ],
        foreignKeys: [
          foreignKey('goal_accounts', 'goalId', 'goals'),
          // Deleting an account (only possible without transactions) unlinks it.
          foreignKey('goal_accounts', 'accountId', 'accounts'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'debts',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          { name: 'name', type: 'varchar', length: '100' },
          // Set: the balance is the account's, read when needed; null: entered by hand.
          integerColumn('accountId', true),
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
          foreignKey('debts', 'ledgerId', 'ledgers'),
          foreignKey('debts', 'accountId', 'accounts'),
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
