import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A pending password reset. Only the SHA-256 of the mailed secret is stored. */
@Entity('password_resets')
export class PasswordReset {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  expiresAt!: Date;
}
