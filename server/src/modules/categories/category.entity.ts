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

  /** Lower-cased name: one category per name per ledger, ignoring case. */
  @Column({ type: 'varchar', length: 50 })
  nameKey!: string;

  /**
   * Left out of pickers; writing to it by name still works. Resolved by CategoryResolver:
   * other modules' reads build categories with only an id and a name.
   */
  @Column({ type: 'boolean', default: false })
  hidden!: boolean;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
