import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A mutation sent with an `Idempotency-Key` header. The row is inserted before the mutation
 * runs (the unique index on userId and key decides which of two racing requests runs it) and
 * holds the answer once the mutation succeeded; a failed mutation's row is removed.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'varchar', length: 255 })
  key!: string;

  /** SHA-256 of the request (query, operation name, variables): a key names one request. */
  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  /** The answer's JSON; null while the mutation runs. */
  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  expiresAt!: Date;
}
