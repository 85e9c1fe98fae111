import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RateSource = 'MANUAL' | 'ECB' | 'PROVIDER';

/** 1 `base` = `rate` `quote` on `date`, in one ledger. Unique per ledger, pair and day. */
@Entity('exchange_rates')
export class ExchangeRate {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 3 })
  base!: string;

  @Column({ type: 'varchar', length: 3 })
  quote!: string;

  @Column({ type: 'date' })
  date!: string;

  /** A positive decimal string (lib/exchange.ts), never a float. */
  @Column({ type: 'varchar', length: 25 })
  rate!: string;

  @Column({ type: 'varchar', length: 10 })
  source!: RateSource;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
