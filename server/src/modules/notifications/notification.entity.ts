import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app message to one user: a bill reminder, a recurring post. */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  /** What it is about ("reminder:<rule>:<date>"): unique per user, so it is written once. */
  @Column({ type: 'varchar', length: 191 })
  key!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 500 })
  body!: string;

  @Column({ type: 'datetime', nullable: true })
  readAt!: Date | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
