import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from './ledger.entity';

@Entity('ledger_members')
export class LedgerMember {
  @PrimaryColumn({ type: 'integer' })
  ledgerId!: number;

  @PrimaryColumn({ type: 'integer' })
  userId!: number;

  @Column({ type: 'varchar', length: 10 })
  role!: Role;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
