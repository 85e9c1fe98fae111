import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../ledger-access/ledger.entity';

/**
 * An invitation to a shared ledger, mailed as a link. Single use (accepted, declined or revoked
 * ends it), expiring, bound to the address it was sent to; only the token's hash is stored.
 */
@Entity('ledger_invitations')
export class LedgerInvitation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 254 })
  emailKey!: string;

  @Column({ type: 'varchar', length: 10 })
  role!: Role;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'integer', nullable: true })
  invitedByUserId!: number | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  expiresAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  acceptedByUserId!: number | null;

  @Column({ type: 'datetime', nullable: true })
  declinedAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  revokedAt!: Date | null;
}
