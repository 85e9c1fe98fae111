import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { engineOf, foreignKey, idColumn, integerColumn } from './columns';

/**
 * Bill splitting: groups of a ledger, their members, expenses with each member's part, and
 * settlements. Deleting a group deletes everything of it.
 */
export class Splitting1765080000000 implements MigrationInterface {
  name = 'Splitting1765080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = engineOf(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'split_groups',
        ...engine,
        columns: [
          idColumn,
          integerColumn('ledgerId'),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'currency', type: 'varchar', length: '3' },
          integerColumn('createdByUserId', true),
          { name: 'createdAt', type: 'datetime' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_split_groups_ledger', columnNames: ['ledgerId', 'id'] }],
        foreignKeys: [foreignKey('split_groups', 'ledgerId', 'ledgers')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'group_members',
        ...engine,
        columns: [
          idColumn,
          integerColumn('groupId'),
          integerColumn('ledgerId'),
          integerColumn('position'),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'iban', type: 'varchar', length: '34', isNullable: true },
          integerColumn('userId', true),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_group_members_group', columnNames: ['groupId', 'position'] },
          { name: 'IDX_group_members_user', columnNames: ['userId'] },
        ],
        foreignKeys: [
          foreignKey('group_members', 'groupId', 'split_groups'),
          foreignKey('group_members', 'userId', 'users', 'SET NULL'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'group_expenses',
        ...engine,
        columns: [
          idColumn,
          integerColumn('groupId'),
          integerColumn('ledgerId'),
          { name: 'description', type: 'varchar', length: '200' },
          { name: 'date', type: 'date' },
          integerColumn('paidByMemberId'),
          { name: 'method', type: 'varchar', length: '10' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'amountMinor', type: 'bigint' },
          { name: 'groupAmountMinor', type: 'bigint' },
          { name: 'rate', type: 'varchar', length: '40' },
          { name: 'category', type: 'varchar', length: '100', isNullable: true },
          integerColumn('createdByUserId', true),
          { name: 'createdAt', type: 'datetime' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_group_expenses_group', columnNames: ['groupId', 'date', 'id'] },
          { name: 'IDX_group_expenses_payer', columnNames: ['paidByMemberId'] },
        ],
        foreignKeys: [
          foreignKey('group_expenses', 'groupId', 'split_groups'),
          // Cascades everywhere, so that deleting a ledger or a group never stops at a row of
          // it; a member still named by an expense or settlement is kept by the service.
          foreignKey('group_expenses', 'paidByMemberId', 'group_members'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'group_expense_splits',
        ...engine,
        columns: [
          idColumn,
          integerColumn('expenseId'),
          integerColumn('groupId'),
          integerColumn('memberId'),
          { name: 'value', type: 'varchar', length: '30', isNullable: true },
          { name: 'amountMinor', type: 'bigint' },
          integerColumn('shareUserId', true),
          integerColumn('shareTransactionId', true),
        ],
        indices: [
          { name: 'IDX_group_expense_splits_expense', columnNames: ['expenseId'] },
          { name: 'IDX_group_expense_splits_group', columnNames: ['groupId', 'memberId'] },
          { name: 'IDX_group_expense_splits_member', columnNames: ['memberId'] },
        ],
        foreignKeys: [
          foreignKey('group_expense_splits', 'expenseId', 'group_expenses'),
          foreignKey('group_expense_splits', 'memberId', 'group_members'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'group_settlements',
        ...engine,
        columns: [
          idColumn,
          integerColumn('groupId'),
          integerColumn('ledgerId'),
          integerColumn('fromMemberId'),
          integerColumn('toMemberId'),
          { name: 'amountMinor', type: 'bigint' },
          { name: 'date', type: 'date' },
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_group_settlements_group', columnNames: ['groupId', 'date', 'id'] },
          { name: 'IDX_group_settlements_from', columnNames: ['fromMemberId'] },
          { name: 'IDX_group_settlements_to', columnNames: ['toMemberId'] },
        ],
        foreignKeys: [
          foreignKey('group_settlements', 'groupId', 'split_groups'),
          foreignKey('group_settlements', 'fromMemberId', 'group_members'),
          foreignKey('group_settlements', 'toMemberId', 'group_members'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'group_settlements',
      'group_expense_splits',
      'group_expenses',
      'group_members',
      'split_groups',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
