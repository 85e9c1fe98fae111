import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';

/** A savings target, funded by entered contributions and the balances of linked accounts. */
@Entity('goals')
export class Goal {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: minorUnits })
  targetAmountMinor!: number;

  @Column({ type: 'date', nullable: true })
  targetDate!: string | null;

  /** The highest milestone (0, 25, 50, 75, 100) already announced. */
  @Column({ type: 'integer' })
  milestoneReached!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}

/** Money put towards a goal by hand, in the goal's currency. */
@Entity('goal_contributions')
export class GoalContribution {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer' })
  goalId!: number;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}

/** An account whose balance (or market value) counts towards a goal. */
@Entity('goal_accounts')
export class GoalAccount {
  @PrimaryColumn({ type: 'integer' })
  goalId!: number;

  @PrimaryColumn({ type: 'integer' })
  accountId!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;
}
