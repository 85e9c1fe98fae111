import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The answers to mutations sent with an Idempotency-Key, kept 24 hours per user. */
export class IdempotencyKeys1764900000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        ...(isMysql ? { engine: 'InnoDB' } : {}),
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'userId', type: 'integer' },
          {
            name: 'key',
            type: 'varchar',
            length: '255',
            // Keys are visible ASCII, compared byte for byte; ascii keeps the unique index small.
            ...(isMysql ? { charset: 'ascii', collation: 'ascii_bin' } : {}),
          },
          {
            name: 'requestHash',
            type: 'varchar',
            length: '64',
            ...(isMysql ? { charset: 'ascii', collation: 'ascii_bin' } : {}),
          },
          // An answer can outgrow MySQL's TEXT (64 KB); MEDIUMTEXT holds 16 MB.
          {
            name: 'response',
            type: isMysql ? 'mediumtext' : 'text',
            isNullable: true,
            ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
          },
          { name: 'createdAt', type: 'datetime' },
          { name: 'expiresAt', type: 'datetime' },
        ],
        indices: [
          {
            name: 'UQ_idempotency_keys_user_key',
            columnNames: ['userId', 'key'],
            isUnique: true,
          },
          // The opportunistic sweep deletes by expiry across users.
          { name: 'IDX_idempotency_keys_expiresAt', columnNames: ['expiresAt'] },
        ],
        foreignKeys: [
          {
            name: 'FK_idempotency_keys_user',
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
    await queryRunner.dropTable('idempotency_keys');
  }
}
