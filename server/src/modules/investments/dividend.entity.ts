import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';

/**
 * Which security paid an INCOME transaction of the ledger: the money itself is the ledger's
 * transaction (`transactionId`); deleting it there deletes this row (foreign key, cascade).
 */
@Entity('dividends')
export class Dividend {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer' })
  accountId!: number;

  @Column({ type: 'integer' })
  securityId!: number;

  @Column({ type: 'integer' })
  transactionId!: number;

  @Column({ type: 'date' })
  date!: string;

  /** In the account's currency. */
  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
