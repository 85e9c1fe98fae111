import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType()
@Entity('categories')
export class Category {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** Who made it (the ledger, not the user, owns it). */
  @Column({ type: 'integer' })
  userId!: number;

  @Field()
  @Column({ type: 'varchar', length: 50 })
  name!: string;

  /** Lower-cased name: one category per name per user, ignoring case. */
  @Column({ type: 'varchar', length: 50 })
  nameKey!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
