import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A browser session. Only the SHA-256 of the cookie's secret is stored. */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  lastSeenAt!: Date;

  /** Idle expiry, pushed forward as the session is used, never past absoluteExpiresAt. */
  @Column({ type: 'datetime' })
  expiresAt!: Date;

  @Column({ type: 'datetime' })
  absoluteExpiresAt!: Date;
}
