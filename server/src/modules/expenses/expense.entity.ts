import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';
import { Category } from '../categories/category.entity';
import { DateScalar } from '../../graphql/scalars';

@ObjectType()
@Entity('expenses')
export class Expense {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  description!: string;

  /** Exposed as `amount` (a Decimal) by the resolver, which knows the caller's currency. */
  @Column({ type: 'bigint', transformer: minorUnits })
  amountMinor!: number;

  @Column({ type: 'integer' })
  categoryId!: number;

  @Field(() => Category)
  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'categoryId' })
  category!: Category;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
