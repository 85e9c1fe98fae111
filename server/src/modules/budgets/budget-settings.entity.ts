import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({ description: "A ledger's budgeting preferences" })
@Entity('budget_settings')
export class BudgetSettings {
  @PrimaryColumn({ type: 'integer' })
  ledgerId!: number;

  @Field({
    description:
      "When on, a month (up to the current one) first shown empty gets the month before's budget and targets",
  })
  @Column({ type: 'boolean', default: false })
  carryOver!: boolean;

  /** Null until the ledger's settings are first changed. */
  @Column({ type: 'datetime' })
  updatedAt!: Date | null;
}
