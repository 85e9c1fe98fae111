import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A merchant name a user corrected, under the top line it was read from, with its category. */
@Entity('receipt_merchants')
export class ReceiptMerchant {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 100 })
  readKey!: string;

  @Column({ type: 'varchar', length: 100 })
  merchant!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  category!: string | null;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
