import {
  Table,
  TableColumn,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

/**
 * Category management: a category can be hidden from pickers, and the old names of renamed and
 * merged categories keep resolving (scripts keep writing them) through category_aliases.
 */
export class CategoryAliases1764960000000 implements MigrationInterface {
  name = 'CategoryAliases1764960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isMysql = queryRunner.connection.driver.options.type === 'mysql';
    const integer = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    await queryRunner.addColumn(
      'categories',
      new TableColumn({ name: 'hidden', type: 'boolean', default: false }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'category_aliases',
        ...(isMysql ? { engine: 'InnoDB' } : {}),
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          integer('ledgerId'),
          // Compared like categories.nameKey: the lower-cased name, byte for byte.
          {
            name: 'nameKey',
            type: 'varchar',
            length: '50',
            ...(isMysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
          },
          integer('categoryId'),
          { name: 'createdAt', type: 'datetime' },
        ],
        indices: [
          {
            name: 'UQ_category_aliases_ledger_nameKey',
            columnNames: ['ledgerId', 'nameKey'],
            isUnique: true,
          },
          { name: 'IDX_category_aliases_category', columnNames: ['categoryId'] },
        ],
        foreignKeys: [
          {
            name: 'FK_category_aliases_ledger',
            columnNames: ['ledgerId'],
            referencedTableName: 'ledgers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            // A deleted category's old names go with it; a merge moves them first.
            name: 'FK_category_aliases_category',
            columnNames: ['categoryId'],
            referencedTableName: 'categories',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('category_aliases');
    await queryRunner.dropColumn('categories', 'hidden');
  }
}
