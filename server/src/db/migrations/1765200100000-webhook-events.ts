import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Webhook events stored once, in batches (the events of one write), for delivery jobs to name;
 * and the delivery log indexed by event, which a job reads to skip what was delivered.
 */
export class WebhookEvents1765200100000 implements MigrationInterface {
  name = 'WebhookEvents1765200100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const ascii = isMysql ? { charset: 'ascii', collation: 'ascii_bin' } : {};
    await queryRunner.createTable(
      new Table({
        name: 'webhook_events',
        ...(isMysql ? { engine: 'InnoDB' } : {}),
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'eventId', type: 'varchar', length: '36', ...ascii },
          { name: 'ledgerId', type: 'integer' },
          { name: 'batchId', type: 'varchar', length: '36', ...ascii },
          { name: 'type', type: 'varchar', length: '40', ...ascii },
          { name: 'data', type: 'text' },
          { name: 'createdAt', type: 'datetime' },
        ],
        uniques: [{ name: 'UQ_webhook_events_eventId', columnNames: ['eventId'] }],
        indices: [
          // A delivery job reads its batch in order, a page at a time.
          { name: 'IDX_webhook_events_batch', columnNames: ['batchId', 'id'] },
          // The weekly pruning.
          { name: 'IDX_webhook_events_created', columnNames: ['createdAt'] },
        ],
        foreignKeys: [
          {
            name: 'FK_webhook_events_ledgerId',
            columnNames: ['ledgerId'],
            referencedTableName: 'ledgers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({
        name: 'IDX_webhook_deliveries_event',
        columnNames: ['endpointId', 'eventId'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('webhook_deliveries', 'IDX_webhook_deliveries_event');
    await queryRunner.dropTable('webhook_events');
  }
}
