import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A write the assistant proposed and the user has not yet confirmed. Its id is random (it is
 * what the client sends back), it belongs to one user and ledger, expires, and is used once.
 */
@Entity('assistant_actions')
export class AssistantActionRecord {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  /** The TransactionDraft to hand to the ledger's write path, as JSON. */
  @Column({ type: 'varchar', length: 2000 })
  draft!: string;

  @Column({ type: 'varchar', length: 300 })
  description!: string;

  @Column({ type: 'datetime' })
  expiresAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  usedAt!: Date | null;

  /** The transaction written on confirmation; null until then. */
  @Column({ type: 'integer', nullable: true })
  transactionId!: number | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
