import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The identity of one imported row in its account (see import-keys.ts); unique per account. */
@Entity('import_keys')
export class ImportKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer' })
  accountId!: number;

  @Column({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'integer', nullable: true })
  transactionId!: number | null;

  /** Null for a key restored from an export: the import that wrote it was not restored. */
  @Column({ type: 'integer', nullable: true })
  importId!: number | null;
}
