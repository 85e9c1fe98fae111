import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { integerColumn } from '../../db/transformers';

/** One counter of a rate limit, in the database so that every server instance shares it. */
@Entity('rate_limits')
export class RateLimit {
  @PrimaryGeneratedColumn()
  id!: number;

  /** What is limited, e.g. "login-failure:account:ada|203.0.113.9". */
  @Column({ type: 'varchar', length: 200 })
  bucket!: string;

  @Column({ type: 'integer' })
  count!: number;

  @Column({ type: 'bigint', transformer: integerColumn })
  windowStartMs!: number;

  @Column({ type: 'bigint', nullable: true, transformer: integerColumn })
  blockedUntilMs!: number | null;

  /** How many times the limit was reached in a row: each time, the wait doubles. */
  @Column({ type: 'integer' })
  strikes!: number;
}
