import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Ledgers and their members. Every existing user gets a personal ledger (named "Personal")
 * with themselves as OWNER, as registration does from now on.
 */
export class Ledgers1764700000000 implements MigrationInterface {
  name = 'Ledgers1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const tableOptions = isMysql ? { engine: 'InnoDB' } : {};
    const text = (name: string, length: number) => ({
      name,
      type: 'varchar',
      length: String(length),
      ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
    await queryRunner.createTable(
      new Table({
        name: 'ledgers',
        ...tableOptions,
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          text('name', 100),
          { name: 'personalUserId', type: 'integer', isNullable: true },
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          // One personal ledger per user; NULLs (shared ledgers) do not collide on either database.
          { name: 'UQ_ledgers_personalUserId', columnNames: ['personalUserId'], isUnique: true },
        ],
        foreignKeys: [
          {
            name: 'FK_ledgers_personal_user',
            columnNames: ['personalUserId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_members',
        ...tableOptions,
        columns: [
          { name: 'ledgerId', type: 'integer', isPrimary: true },
          { name: 'userId', type: 'integer', isPrimary: true },
          text('role', 10),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_ledger_members_user', columnNames: ['userId'] }],
        foreignKeys: [
          {
            name: 'FK_ledger_members_ledger',
            columnNames: ['ledgerId'],
            referencedTableName: 'ledgers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'FK_ledger_members_user',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.query(
      "INSERT INTO ledgers (name, personalUserId, createdAt) SELECT 'Personal', id, createdAt FROM users",
    );
    await queryRunner.query(
      'INSERT INTO ledger_members (ledgerId, userId, role, createdAt) ' +
        "SELECT id, personalUserId, 'OWNER', createdAt FROM ledgers WHERE personalUserId IS NOT NULL",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ledger_members');
    await queryRunner.dropTable('ledgers');
  }
}
