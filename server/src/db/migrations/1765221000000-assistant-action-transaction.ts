import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A confirmed assistant action remembers the transaction it wrote, so that the action can show
 * it afterwards. No foreign key: a transaction deleted later leaves the action showing none.
 */
export class AssistantActionTransaction1765221000000 implements MigrationInterface {
  name = 'AssistantActionTransaction1765221000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'assistant_actions',
      new TableColumn({ name: 'transactionId', type: 'integer', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('assistant_actions', 'transactionId');
  }
}
