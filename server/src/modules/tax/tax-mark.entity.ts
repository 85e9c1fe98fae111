import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * "This category (or this one transaction) is tax-deductible as <taxCategory>". Kept here, not
 * as columns of the ledger's tables: the ledger knows nothing of tax.
 */
@Entity('tax_marks')
export class TaxMark {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer', nullable: true })
  transactionId!: number | null;

  @Column({ type: 'integer', nullable: true })
  categoryId!: number | null;

  @Column({ type: 'varchar', length: 50 })
  taxCategory!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
