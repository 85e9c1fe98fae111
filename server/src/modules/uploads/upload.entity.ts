import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A file a user sent, held in the database so that any instance can read what another received.
 * It expires 24 hours after upload unless a feature keeps it (a receipt).
 */
@Entity('uploads')
export class Upload {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  /** The name the sender gave; shown back, never used to decide the type or a path. */
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  /** The MIME type decided from the content (content-type.ts). */
  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'integer' })
  size!: number;

  // LONGBLOB on MySQL (see the migration); TypeORM only reads it as a Buffer.
  @Column({ type: 'blob', select: false })
  content!: Buffer;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  expiresAt!: Date;

  @Column({ type: 'boolean', default: false })
  keep!: boolean;
}
