import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LedgerEventType =
  | 'LEDGER_CREATED'
  | 'LEDGER_RENAMED'
  | 'MEMBER_INVITED'
  | 'INVITATION_REVOKED'
  | 'MEMBER_JOINED'
  | 'INVITATION_DECLINED'
  | 'MEMBER_LEFT'
  | 'MEMBER_REMOVED'
  | 'ROLE_CHANGED'
  | 'OWNERSHIP_TRANSFERRED';

/** Who changed a shared ledger's membership, and when: half of the ledger's activity. */
@Entity('ledger_events')
export class LedgerEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 30 })
  type!: LedgerEventType;

  @Column({ type: 'integer', nullable: true })
  actorUserId!: number | null;

  @Column({ type: 'integer', nullable: true })
  subjectUserId!: number | null;

  /** An invited address, a role, a new name: shown to members of the ledger only. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  detail!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
