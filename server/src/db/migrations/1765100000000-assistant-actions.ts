import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The assistant's proposed writes, waiting for the user's confirmation. */
export class AssistantActions1765100000000 implements MigrationInterface {
  name = 'AssistantActions1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'assistant_actions',
        ...(isMysql ? { engine: 'InnoDB' } : {}),
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'userId', type: 'integer' },
          { name: 'ledgerId', type: 'integer' },
          { name: 'draft', type: 'varchar', length: '2000' },
          { name: 'description', type: 'varchar', length: '300' },
          { name: 'expiresAt', type: 'datetime' },
          { name: 'usedAt', type: 'datetime', isNullable: true },
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          { name: 'IDX_assistant_actions_user', columnNames: ['userId', 'createdAt'] },
          { name: 'IDX_assistant_actions_ledger', columnNames: ['ledgerId'] },
        ],
        foreignKeys: [
          {
            name: 'FK_assistant_actions_userId',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'FK_assistant_actions_ledgerId',
            columnNames: ['ledgerId'],
            referencedTableName: 'ledgers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('assistant_actions');
  }
}
