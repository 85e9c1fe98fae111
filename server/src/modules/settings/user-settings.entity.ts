import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's preferences beyond the profile; a missing row means the defaults. */
@Entity('user_settings')
export class UserSettings {
  @PrimaryColumn({ type: 'integer' })
  userId!: number;

  /** IANA name; null: not chosen yet (UTC applies, and the client offers the browser's). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  @Column({ type: 'boolean', default: false })
  remindersEnabled!: boolean;

  @Column({ type: 'integer', default: 3 })
  reminderDaysBefore!: number;

  /** SHA-256 of the calendar feed's secret; null: no feed. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  calendarTokenHash!: string | null;

  /** The tax year's first day as MM-DD (UK 04-06, India 04-01); null: the calendar year. */
  @Column({ type: 'varchar', length: 5, nullable: true })
  taxYearStart!: string | null;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
