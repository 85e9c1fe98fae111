import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A single-use code that signs in without the authenticator; stored hashed. */
@Entity('recovery_codes')
export class RecoveryCode {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @Column({ type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ type: 'datetime', nullable: true })
  usedAt!: Date | null;
}
