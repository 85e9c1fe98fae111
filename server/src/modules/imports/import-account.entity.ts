import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What earlier imports into an account taught: its bank account and its CSV mapping. */
@Entity('import_accounts')
export class ImportAccount {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  ledgerId!: number;

  @Column({ type: 'integer' })
  accountId!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  bankAccount!: string | null;

  @Column({ type: 'text', nullable: true })
  csvHeader!: string | null;

  @Column({ type: 'text', nullable: true })
  csvMapping!: string | null;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
