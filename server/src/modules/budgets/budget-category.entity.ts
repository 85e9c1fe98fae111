import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';
import { MonthScalar } from '../../graphql/scalars';
import { Category } from '../categories/category.entity';

@ObjectType({ description: 'A spending target for one category in one month' })
@Entity('budget_categories')
export class BudgetCategory {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** Who made it (the ledger, not the user, owns it). */
  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'integer' })
  categoryId!: number;

  @Field(() => Category)
  @ManyToOne(() => Category, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'categoryId' })
  category!: Category;

  @Field(() => MonthScalar)
  @Column({ type: 'varchar', length: 7 })
  targetMonth!: string;

  @Column({ type: 'bigint', transformer: minorUnits })
  targetAmountMinor!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
