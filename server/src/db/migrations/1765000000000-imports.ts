import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * Bank-file imports: one row per import (its state, counts and progress, and the lease of
 * whoever commits it), the keys of every imported row (so that a re-import or a second commit
 * writes nothing twice), and what each account's earlier imports taught (its CSV mapping and
 * the bank account the files were for).
 */
export class Imports1765000000000 implements MigrationInterface {
  name = 'Imports1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const engine = isMysql ? { engine: 'InnoDB' } : {};
    const id: TableColumnOptions = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    };
    const integer = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable,
    });
    // JSON kept as text: a long list of row errors can outgrow MySQL's TEXT (64 KB).
    const longText = (name: string): TableColumnOptions => ({
      name,
      type: isMysql ? 'mediumtext' : 'text',
      isNullable: true,
    });
    const ascii = (name: string, length: number, isNullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
      ...(isMysql ? { charset: 'ascii', collation: 'ascii_bin' } : {}),
    });
    const ledgerFk = (table: string) => ({
      name: `FK_${table}_ledger`,
      columnNames: ['ledgerId'],
      referencedTableName: 'ledgers',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });
    const accountFk = (table: string) => ({
      name: `FK_${table}_account`,
      columnNames: ['accountId'],
      referencedTableName: 'accounts',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });

    await queryRunner.createTable(
      new Table({
        name: 'imports',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          integer('accountId'),
          integer('userId'),
          // No foreign key: uploads expire and are swept; the import's record stays.
          integer('uploadId'),
          ascii('format', 10),
          ascii('status', 10),
          longText('mapping'),
          integer('total'),
          integer('duplicates'),
          integer('likelyDuplicates'),
          integer('imported'),
          integer('skippedDuplicates'),
          integer('failed'),
          // Rows handled so far by the commit: progress = processed / total.
          integer('processed'),
          { name: 'skipLikelyDuplicates', type: 'boolean', default: false },
          longText('errors'),
          // The days the imported rows span: the result links to them.
          { name: 'firstDate', type: 'date', isNullable: true },
          { name: 'lastDate', type: 'date', isNullable: true },
          { name: 'lockedUntil', type: 'datetime', isNullable: true },
          { name: 'createdAt', type: 'datetime' },
          { name: 'updatedAt', type: 'datetime' },
          { name: 'finishedAt', type: 'datetime', isNullable: true },
        ],
        indices: [
          { name: 'IDX_imports_ledger', columnNames: ['ledgerId', 'id'] },
          // The job runner looks for commits whose lease ran out.
          { name: 'IDX_imports_status_lockedUntil', columnNames: ['status', 'lockedUntil'] },
        ],
        foreignKeys: [
          ledgerFk('imports'),
          accountFk('imports'),
          {
            name: 'FK_imports_user',
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
        name: 'import_keys',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          integer('accountId'),
          // A SHA-256 of the row's identity (see import-keys.ts), hex.
          ascii('key', 64),
          // Set null when the transaction is deleted: the key stays, so a re-import does not
          // bring back what the user removed on purpose.
          integer('transactionId', true),
          // No foreign key to imports: a key written in the commit's transaction would lock the
          // imports row (InnoDB checks the parent), and progress is written to it from outside.
          integer('importId'),
        ],
        indices: [
          { name: 'UQ_import_keys_account_key', columnNames: ['accountId', 'key'], isUnique: true },
          // For the foreign key's SET NULL. Nothing else is indexed: an import writes a key per
          // row, and each index costs every one of those writes (the account's rows go with the
          // account, and the account's with its ledger).
          { name: 'IDX_import_keys_transaction', columnNames: ['transactionId'] },
        ],
        foreignKeys: [
          accountFk('import_keys'),
          {
            name: 'FK_import_keys_transaction',
            columnNames: ['transactionId'],
            referencedTableName: 'transactions',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'import_accounts',
        ...engine,
        columns: [
          id,
          integer('ledgerId'),
          integer('accountId'),
          // The IBAN or account number earlier statements (OFX, CAMT) named, normalised.
          { name: 'bankAccount', type: 'varchar', length: '64', isNullable: true },
          // The CSV header the saved mapping was made for, as JSON, and the mapping.
          longText('csvHeader'),
          longText('csvMapping'),
          { name: 'updatedAt', type: 'datetime' },
        ],
        indices: [
          { name: 'UQ_import_accounts_account', columnNames: ['accountId'], isUnique: true },
          { name: 'IDX_import_accounts_ledger_bank', columnNames: ['ledgerId', 'bankAccount'] },
        ],
        foreignKeys: [ledgerFk('import_accounts'), accountFk('import_accounts')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('import_accounts');
    await queryRunner.dropTable('import_keys');
    await queryRunner.dropTable('imports');
  }
}
