import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Saved reports and their mailing schedule. */
export class SavedReports1765110000000 implements MigrationInterface {
  name = 'SavedReports1765110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'saved_reports',
        ...(isMysql ? { engine: 'InnoDB' } : {}),
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'ledgerId', type: 'integer' },
          { name: 'userId', type: 'integer' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'input', type: 'text' },
          { name: 'schedule', type: 'varchar', length: '10', isNullable: true },
          { name: 'email', type: 'boolean', default: false },
          { name: 'unsubscribeSecret', type: 'varchar', length: '64' },
          { name: 'lastSentPeriod', type: 'varchar', length: '10', isNullable: true },
          { name: 'createdAt', type: 'datetime' },
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_saved_reports_ledger', columnNames: ['ledgerId', 'id'] },
          // The scheduler reads the scheduled ones only.
          { name: 'IDX_saved_reports_schedule', columnNames: ['schedule', 'id'] },
        ],
        foreignKeys: [
          {
            name: 'FK_saved_reports_ledger',
            columnNames: ['ledgerId'],
            referencedTableName: 'ledgers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'FK_saved_reports_user',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('saved_reports');
  }
}
