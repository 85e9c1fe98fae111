import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A stock split from `date` on: ratioNum new shares for every ratioDen held. */
@Entity('security_splits')
export class SecuritySplit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer' })
  securityId!: number;

  /** Null: every account of the ledger. */
  @Column({ type: 'integer', nullable: true })
  accountId!: number | null;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'integer' })
  ratioNum!: number;

  @Column({ type: 'integer' })
  ratioDen!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
