import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';

/**
 * "Description or payee contains `matchText` (and the amount is in [min, max], and the account is
 * `accountId`) -> category": applied to transactions written without a category.
 */
@Entity('category_rules')
export class CategoryRule {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** As the user wrote it; compared lower-cased as a substring. */
  @Column({ type: 'varchar', length: 100 })
  matchText!: string;

  @Column({ type: 'integer' })
  categoryId!: number;

  @Column({ type: 'integer', nullable: true })
  accountId!: number | null;

  /** The currency of the range (set with a range only): only transactions in it can match. */
  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: minorUnits })
  minAmountMinor!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: minorUnits })
  maxAmountMinor!: number | null;

  @Column({ type: 'integer', nullable: true })
  createdByUserId!: number | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
