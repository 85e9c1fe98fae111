import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Households: invitations to shared ledgers (only a hash of each token is kept) and the
 * ledger's membership events (who joined, left, was removed or changed role), which with the
 * transactions' createdBy/updatedBy make up a ledger's activity.
 */
export class Households1765070000000 implements MigrationInterface {
  name = 'Households1765070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const engine = isMysql ? { engine: 'InnoDB' } : {};
    const id = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment' as const,
    };
    const ledgerKey = (table: string) => ({
      name: `FK_${table}_ledger`,
      columnNames: ['ledgerId'],
      referencedTableName: 'ledgers',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });
    await queryRunner.createTable(
      new Table({
        name: 'ledger_invitations',
        ...engine,
        columns: [
          id,
          { name: 'ledgerId', type: 'integer' },
          { name: 'email', type: 'varchar', length: '254' },
          // The address as compared at acceptance (trimmed, lower case).
          { name: 'emailKey', type: 'varchar', length: '254' },
          { name: 'role', type: 'varchar', length: '10' },
          // sha256 (hex) of the 256-bit token: a database leak gives no usable link.
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'invitedByUserId', type: 'integer', isNullable: true },
          { name: 'createdAt', type: 'datetime' },
          { name: 'expiresAt', type: 'datetime' },
          { name: 'acceptedAt', type: 'datetime', isNullable: true },
          { name: 'acceptedByUserId', type: 'integer', isNullable: true },
          { name: 'declinedAt', type: 'datetime', isNullable: true },
          { name: 'revokedAt', type: 'datetime', isNullable: true },
        ],
        indices: [
          { name: 'UQ_ledger_invitations_token', columnNames: ['tokenHash'], isUnique: true },
          { name: 'IDX_ledger_invitations_ledger', columnNames: ['ledgerId', 'emailKey'] },
        ],
        foreignKeys: [ledgerKey('ledger_invitations')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_events',
        ...engine,
        columns: [
          id,
          { name: 'ledgerId', type: 'integer' },
          // MEMBER_INVITED, MEMBER_JOINED, INVITATION_DECLINED, MEMBER_LEFT, MEMBER_REMOVED, ...
          { name: 'type', type: 'varchar', length: '30' },
          { name: 'actorUserId', type: 'integer', isNullable: true },
          { name: 'subjectUserId', type: 'integer', isNullable: true },
          { name: 'detail', type: 'varchar', length: '254', isNullable: true },
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [{ name: 'IDX_ledger_events_ledger', columnNames: ['ledgerId', 'createdAt'] }],
        foreignKeys: [ledgerKey('ledger_events')],
      }),
    );
    // The activity list pages a ledger's transactions by when they were last touched.
    await queryRunner.createIndex(
      'transactions',
      new TableIndex({
        name: 'IDX_transactions_ledger_updated',
        columnNames: ['ledgerId', 'updatedAt', 'id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('transactions', 'IDX_transactions_ledger_updated');
    await queryRunner.dropTable('ledger_events');
    await queryRunner.dropTable('ledger_invitations');
  }
}
