import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';
import { MonthScalar } from '../../graphql/scalars';

@ObjectType({ description: "A month's budget; one per user and month" })
@Entity('budgets')
export class Budget {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** Who made it (the ledger, not the user, owns it). */
  @Column({ type: 'integer' })
  userId!: number;

  @Field(() => MonthScalar)
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
