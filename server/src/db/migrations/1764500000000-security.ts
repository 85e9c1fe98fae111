import {
  Table,
  TableColumn,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

/** API tokens, password resets, rate limits, the audit log and two-factor sign-in. */
export class Security1764500000000 implements MigrationInterface {
  name = 'Security1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const id: TableColumnOptions = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    };
    const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
      ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
    const integer = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable,
    });
    const bigint = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: 'bigint',
      isNullable,
    });
    const timestamp = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: 'datetime',
      isNullable,
    });
    const userForeignKey = (table: string) => ({
      name: `FK_${table}_user`,
      columnNames: ['userId'],
      referencedTableName: 'users',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });
    const engine = isMysql ? { engine: 'InnoDB' } : {};

    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        ...engine,
        columns: [
          id,
          integer('userId'),
          text('name', 100),
          text('scope', 5),
          text('tokenHash', 64),
          timestamp('createdAt'),
          timestamp('lastUsedAt', true),
          timestamp('expiresAt', true),
          timestamp('revokedAt', true),
        ],
        indices: [
          { name: 'UQ_api_tokens_tokenHash', columnNames: ['tokenHash'], isUnique: true },
          { name: 'IDX_api_tokens_user', columnNames: ['userId', 'createdAt'] },
        ],
        foreignKeys: [userForeignKey('api_tokens')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'password_resets',
        ...engine,
        columns: [
          id,
          integer('userId'),
          text('tokenHash', 64),
          timestamp('createdAt'),
          timestamp('expiresAt'),
        ],
        indices: [
          { name: 'UQ_password_resets_tokenHash', columnNames: ['tokenHash'], isUnique: true },
          { name: 'IDX_password_resets_user', columnNames: ['userId'] },
        ],
        foreignKeys: [userForeignKey('password_resets')],
      }),
    );

    // Counters shared by every server instance: a key per limited thing (account, address).
    await queryRunner.createTable(
      new Table({
        name: 'rate_limits',
        ...engine,
        columns: [
          id,
          text('bucket', 200),
          integer('count'),
          bigint('windowStartMs'),
          bigint('blockedUntilMs', true),
          integer('strikes'),
        ],
        indices: [{ name: 'UQ_rate_limits_bucket', columnNames: ['bucket'], isUnique: true }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        ...engine,
        columns: [
          id,
          integer('userId', true),
          text('type', 40),
          text('ip', 64, true),
          text('userAgent', 200, true),
          text('detail', 200, true),
          timestamp('createdAt'),
        ],
        indices: [{ name: 'IDX_audit_events_user', columnNames: ['userId', 'createdAt'] }],
        foreignKeys: [userForeignKey('audit_events')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'recovery_codes',
        ...engine,
        columns: [id, integer('userId'), text('codeHash', 64), timestamp('usedAt', true)],
        indices: [{ name: 'IDX_recovery_codes_user', columnNames: ['userId'] }],
        foreignKeys: [userForeignKey('recovery_codes')],
      }),
    );

    await queryRunner.addColumns('users', [
      new TableColumn(text('totpSecret', 64, true)),
      new TableColumn(timestamp('totpEnabledAt', true)),
      // The last 30-second step whose code was accepted: a code works once (RFC 6238 5.2).
      new TableColumn(bigint('totpLastStep', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('users', ['totpSecret', 'totpEnabledAt', 'totpLastStep']);
    for (const table of [
      'recovery_codes',
      'audit_events',
      'rate_limits',
      'password_resets',
      'api_tokens',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
