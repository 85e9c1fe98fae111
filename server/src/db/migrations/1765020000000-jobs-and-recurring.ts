import {
  Table,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
  type TableForeignKeyOptions,
} from 'typeorm';

const id: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};

const cascade = (table: string, column: string, referenced: string): TableForeignKeyOptions => ({
  name: `FK_${table}_${column}`,
  columnNames: [column],
  referencedTableName: referenced,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/**
 * The job runner's table; recurring rules and their occurrences (one row per rule and date,
 * written with the posted transaction, so that no occurrence is posted twice); per-user
 * settings (time zone, reminders, the calendar feed's token hash); in-app notifications.
 */
export class JobsAndRecurring1765020000000 implements MigrationInterface {
  name = 'JobsAndRecurring1765020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const engine = isMysql ? { engine: 'InnoDB' } : {};
    const ascii = isMysql ? { charset: 'ascii', collation: 'ascii_bin' } : {};
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
      ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
    const integer = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
    });
    const datetime = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'datetime',
      isNullable: nullable,
    });

    await queryRunner.createTable(
      new Table({
        name: 'jobs',
        ...engine,
        columns: [
          id,
          { name: 'type', type: 'varchar', length: '100', ...ascii },
          { name: 'key', type: 'varchar', length: '191', ...ascii },
          { name: 'payload', type: 'text' },
          datetime('runAt'),
          { name: 'status', type: 'varchar', length: '16', ...ascii },
          integer('attempts'),
          text('lastError', 1000, true),
          { name: 'lockedBy', type: 'varchar', length: '64', isNullable: true, ...ascii },
          datetime('lockedUntil', true),
          datetime('createdAt'),
          datetime('updatedAt'),
        ],
        indices: [
          { name: 'UQ_jobs_type_key', columnNames: ['type', 'key'], isUnique: true },
          // The claim query: due pending jobs, and running ones whose lease ran out.
          { name: 'IDX_jobs_status_runAt', columnNames: ['status', 'runAt'] },
          { name: 'IDX_jobs_status_lockedUntil', columnNames: ['status', 'lockedUntil'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'recurring_rules',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          integer('createdByUserId'),
          text('name', 100),
          { name: 'rrule', type: 'varchar', length: '500', ...ascii },
          { name: 'startDate', type: 'date' },
          { name: 'mode', type: 'varchar', length: '8', ...ascii },
          { name: 'kind', type: 'varchar', length: '10', ...ascii },
          { name: 'amountMinor', type: 'bigint' },
          { name: 'currency', type: 'varchar', length: '3', ...ascii },
          integer('accountId'),
          integer('toAccountId', true),
          text('categoryName', 50, true),
          text('payee', 200, true),
          text('description', 200),
          { name: 'paused', type: 'boolean', default: false },
          // The first occurrence not yet posted, matched, confirmed or skipped; null: none left.
          { name: 'nextDate', type: 'date', isNullable: true },
          datetime('createdAt'),
          datetime('updatedAt'),
        ],
        indices: [
          { name: 'IDX_recurring_rules_ledger', columnNames: ['ledgerId', 'nextDate'] },
          { name: 'IDX_recurring_rules_due', columnNames: ['nextDate'] },
          { name: 'IDX_recurring_rules_creator', columnNames: ['createdByUserId'] },
        ],
        foreignKeys: [
          cascade('recurring_rules', 'ledgerId', 'ledgers'),
          cascade('recurring_rules', 'createdByUserId', 'users'),
          cascade('recurring_rules', 'accountId', 'accounts'),
          cascade('recurring_rules', 'toAccountId', 'accounts'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'recurring_occurrences',
        ...engine,
        columns: [
          id,
          integer('ruleId'),
          { name: 'date', type: 'date' },
          { name: 'status', type: 'varchar', length: '10', ...ascii },
          // Not a foreign key: a deleted transaction must not free its date to be posted again.
          integer('transactionId', true),
          datetime('createdAt'),
        ],
        indices: [
          {
            name: 'UQ_recurring_occurrences_rule_date',
            columnNames: ['ruleId', 'date'],
            isUnique: true,
          },
          // One expected occurrence per transaction: two rules cannot claim the same payment.
          {
            name: 'UQ_recurring_occurrences_transaction',
            columnNames: ['transactionId'],
            isUnique: true,
          },
        ],
        foreignKeys: [cascade('recurring_occurrences', 'ruleId', 'recurring_rules')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'user_settings',
        ...engine,
        columns: [
          { name: 'userId', type: 'integer', isPrimary: true },
          { name: 'timeZone', type: 'varchar', length: '64', isNullable: true, ...ascii },
          { name: 'remindersEnabled', type: 'boolean', default: false },
          { name: 'reminderDaysBefore', type: 'integer', default: 3 },
          { name: 'calendarTokenHash', type: 'varchar', length: '64', isNullable: true, ...ascii },
          datetime('updatedAt'),
        ],
        indices: [
          {
            name: 'UQ_user_settings_calendarTokenHash',
            columnNames: ['calendarTokenHash'],
            isUnique: true,
          },
          { name: 'IDX_user_settings_reminders', columnNames: ['remindersEnabled'] },
        ],
        foreignKeys: [
          {
            name: 'FK_user_settings_userId',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        ...engine,
        columns: [
          id,
          integer('userId'),
          // What the notification is about, e.g. "reminder:12:2024-05-01": written once.
          { name: 'key', type: 'varchar', length: '191', ...ascii },
          { name: 'kind', type: 'varchar', length: '20', ...ascii },
          text('title', 200),
          text('body', 500),
          datetime('readAt', true),
          datetime('createdAt'),
        ],
        indices: [
          { name: 'UQ_notifications_user_key', columnNames: ['userId', 'key'], isUnique: true },
          { name: 'IDX_notifications_user_created', columnNames: ['userId', 'createdAt'] },
          { name: 'IDX_notifications_user_read', columnNames: ['userId', 'readAt'] },
        ],
        foreignKeys: [cascade('notifications', 'userId', 'users')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notifications');
    await queryRunner.dropTable('user_settings');
    await queryRunner.dropTable('recurring_occurrences');
    await queryRunner.dropTable('recurring_rules');
    await queryRunner.dropTable('jobs');
  }
}
