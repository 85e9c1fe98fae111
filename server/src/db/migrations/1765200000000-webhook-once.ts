import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Events announced once per thing they are about (budget.exceeded per target and month,
 * bill.due per occurrence): the unique key is the record that makes them idempotent.
 */
export class WebhookOnce1765200000000 implements MigrationInterface {
  name = 'WebhookOnce1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'webhook_once',
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
          {
            name: 'eventKey',
            type: 'varchar',
            length: '191',
            ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
          },
          { name: 'eventId', type: 'varchar', length: '36' },
          { name: 'createdAt', type: 'datetime' },
        ],
        uniques: [{ name: 'UQ_webhook_once_key', columnNames: ['ledgerId', 'eventKey'] }],
        foreignKeys: [
          {
            name: 'FK_webhook_once_ledgerId',
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
    await queryRunner.dropTable('webhook_once');
  }
}
