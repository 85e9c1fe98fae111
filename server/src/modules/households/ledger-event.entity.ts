import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { minorUnits } from '../../db/transformers';

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
  | 'OWNERSHIP_TRANSFERRED'
  | 'TRANSACTION_DELETED';

/**
 * Who changed a shared ledger's membership, and who deleted which transaction, and when: with
 * the transactions themselves (who added and last changed each), the ledger's activity.
 */
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

  /** A deleted transaction's amount, in `currency`; null on membership events. */
  @Column({ type: 'bigint', nullable: true, transformer: minorUnits })
  amountMinor!: number | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
