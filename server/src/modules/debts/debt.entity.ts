import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';

/** A debt to pay off: entered by hand, or following a loan or credit-card account. */
@Entity('debts')
export class Debt {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Set: the balance is what the account owes now; `balanceMinor` is then unused (0). */
  @Column({ type: 'integer', nullable: true })
  accountId!: number | null;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: minorUnits })
  balanceMinor!: number;

  /** "0.199" = 19.9 % a year (see annual-rate.ts). */
  @Column({ type: 'varchar', length: 12 })
  annualRate!: string;

  @Column({ type: 'bigint', transformer: minorUnits })
  minimumPaymentMinor!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
