import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const ledgerForeignKey = (table: string) => ({
  name: `FK_${table}_ledger`,
  columnNames: ['ledgerId'],
  referencedTableName: 'ledgers',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/**
 * Budgets that carry over: a ledger's setting, and one row per month that was filled from the
 * month before, so that a month is filled once (its primary key settles two racing requests) and
 * a month its owner emptied on purpose stays empty.
 */
export class BudgetSettings1764950000000 implements MigrationInterface {
  name = 'BudgetSettings1764950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tableOptions =
      queryRunner.connection.driver.options.type === 'mysql' ? { engine: 'InnoDB' } : {};
    await queryRunner.createTable(
      new Table({
        name: 'budget_settings',
        ...tableOptions,
        columns: [
          { name: 'ledgerId', type: 'integer', isPrimary: true },
          { name: 'carryOver', type: 'boolean', default: false },
          { name: 'updatedAt', type: 'datetime' },
        ],
        foreignKeys: [ledgerForeignKey('budget_settings')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'budget_carry_overs',
        ...tableOptions,
        columns: [
          { name: 'ledgerId', type: 'integer', isPrimary: true },
          { name: 'month', type: 'varchar', length: '7', isPrimary: true },
          { name: 'createdAt', type: 'datetime' },
        ],
        foreignKeys: [ledgerForeignKey('budget_carry_overs')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('budget_carry_overs');
    await queryRunner.dropTable('budget_settings');
  }
}
