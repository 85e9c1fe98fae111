import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A restored export brings the keys of the rows imported before (so that importing the same bank
 * file again writes nothing twice) but not the imports that wrote them: the uploads are gone and
 * the records were bookkeeping of the server that ran them. Such a key has no import.
 */
export class RestoredImportKeys1765210000000 implements MigrationInterface {
  name = 'RestoredImportKeys1765210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn(
      'import_keys',
      'importId',
      new TableColumn({ name: 'importId', type: 'integer', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A key without its import cannot go back to NOT NULL: it goes (the restored history may
    // then be imported again).
    await queryRunner.query('DELETE FROM import_keys WHERE importId IS NULL');
    await queryRunner.changeColumn(
      'import_keys',
      'importId',
      new TableColumn({ name: 'importId', type: 'integer', isNullable: false }),
    );
  }
}
