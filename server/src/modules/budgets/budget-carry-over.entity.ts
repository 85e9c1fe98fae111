import { Entity, Column, PrimaryColumn } from 'typeorm';

/** A month filled automatically from the month before: at most once per ledger and month. */
@Entity('budget_carry_overs')
export class BudgetCarryOver {
  @PrimaryColumn({ type: 'integer' })
  ledgerId!: number;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
