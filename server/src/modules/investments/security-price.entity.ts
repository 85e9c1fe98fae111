import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';

/** A security's closing price of one day: one per security and day, the last writer wins. */
@Entity('security_prices')
export class SecurityPrice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer' })
  securityId!: number;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'bigint', transformer: minorUnits })
  priceUnits!: number;

  @Column({ type: 'integer' })
  priceScale!: number;

  /** MANUAL, FILE (an imported CSV) or PROVIDER (PRICES_URL). */
  @Column({ type: 'varchar', length: 10 })
  source!: string;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
