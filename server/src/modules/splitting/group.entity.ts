import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** People who share bills (a trip, a flat), in one currency; belongs to a ledger. */
@Entity('split_groups')
export class SplitGroup {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'integer', nullable: true })
  createdByUserId!: number | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}

/**
 * One person of a group: a name, perhaps an email and an IBAN, perhaps an app user (whose share
 * of each expense is then booked in their own ledger).
 */
@Entity('group_members')
export class GroupMember {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  groupId!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** The member order: the tie-break of every split and settle-up (see allocation.ts). */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 34, nullable: true })
  iban!: string | null;

  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
