import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum AssetClass {
  STOCK = 'STOCK',
  BOND = 'BOND',
  FUND = 'FUND',
  ETF = 'ETF',
  CRYPTO = 'CRYPTO',
  REAL_ESTATE = 'REAL_ESTATE',
  COMMODITY = 'COMMODITY',
  CASH = 'CASH',
  OTHER = 'OTHER',
}

/** A thing one can hold, known by its symbol within a ledger; priced in `currency`. */
@Entity('securities')
export class Security {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** Upper-cased: one security per symbol and ledger. */
  @Column({ type: 'varchar', length: 20 })
  symbol!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  assetClass!: AssetClass;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
