import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A former name of a category (renamed or merged away) that still resolves to it. */
@Entity('category_aliases')
export class CategoryAlias {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** The old name lower-cased, as categories.nameKey: one alias per name per ledger. */
  @Column({ type: 'varchar', length: 50 })
  nameKey!: string;

  @Column({ type: 'integer' })
  categoryId!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
