import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a member may do in a ledger: OWNER manages members, EDITOR writes, VIEWER reads. */
export enum Role {
  OWNER = 'OWNER',
  EDITOR = 'EDITOR',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, { name: 'Role', description: "A member's rights in a ledger" });

/**
 * Every money record (accounts, transactions, categories, budgets, rates) belongs to a ledger.
 * A user's personal ledger is made at registration; shared ledgers (households) add members.
 */
@ObjectType({ description: 'A book of accounts: personal, or shared by a household' })
@Entity('ledgers')
export class Ledger {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Set on a user's personal ledger (one each, unique); null on shared ledgers. */
  @Column({ type: 'integer', nullable: true })
  personalUserId!: number | null;

  /**
   * A shared ledger's reporting currency, chosen when it is made: every member's amounts are
   * reported in it, so that they add up. Null on a personal ledger, which follows its owner's.
   */
  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  /** The caller's role here: set when the ledger is read for a caller; not a column. */
  @Field(() => Role, { description: "The caller's role in this ledger" })
  role?: Role;
}
