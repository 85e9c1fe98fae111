import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';
import type { Side } from './book';

/** A buy or a sell in an INVESTMENT account; see units.ts for how quantity and price are kept. */
@Entity('trades')
export class Trade {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer' })
  accountId!: number;

  @Column({ type: 'integer' })
  securityId!: number;

  @Column({ type: 'varchar', length: 4 })
  side!: Side;

  @Column({ type: 'date' })
  date!: string;

  /** 1e-8 units. */
  @Column({ type: 'bigint', transformer: minorUnits })
  quantityUnits!: number;

  @Column({ type: 'bigint', transformer: minorUnits })
  priceUnits!: number;

  /** Decimals of the price: price = priceUnits / 10^priceScale. */
  @Column({ type: 'integer' })
  priceScale!: number;

  /** In the account's currency. */
  @Column({ type: 'bigint', transformer: minorUnits })
  feesMinor!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
