import type { QueryRunner, TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

/**
 * The column and key shapes the migrations share. A migration's DDL must never change once
 * released, so these stay exactly as the migrations first wrote them: add a new helper rather
 * than change one.
 */

export const isMysql = (queryRunner: QueryRunner): boolean =>
  queryRunner.connection.driver.options.type === 'mysql';

/** Table options: InnoDB on MySQL (row locks and foreign keys), nothing on SQLite. */
export const engineOf = (queryRunner: QueryRunner): { engine?: string } =>
  isMysql(queryRunner) ? { engine: 'InnoDB' } : {};

export const idColumn: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};

export const integerColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
});

export const varcharColumn = (
  name: string,
  length: number,
  nullable = false,
): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

/** `FK_<table>_<column>`, deleting the row with the one it refers to unless told otherwise. */
export const foreignKey = (
  table: string,
  column: string,
  referenced: string,
  onDelete = 'CASCADE',
): TableForeignKeyOptions => ({
  name: `FK_${table}_${column}`,
  columnNames: [column],
  referencedTableName: referenced,
  referencedColumnNames: ['id'],
  onDelete,
});

/** `FK_<table>_ledger`: the row goes with its ledger. */
export const ledgerKey = (table: string): TableForeignKeyOptions => ({
  name: `FK_${table}_ledger`,
  columnNames: ['ledgerId'],
  referencedTableName: 'ledgers',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});
