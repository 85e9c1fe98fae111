import { createHash, randomBytes } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { badInput } from '../../errors';
import { UserSettings } from './user-settings.entity';

export interface SettingsInput {
  timeZone?: string | null;
  remindersEnabled?: boolean | null;
  reminderDaysBefore?: number | null;
  taxYearStart?: string | null;
}

/** MM-DD of a day every year has (no 29 February): the first day of a tax year. */
export function isYearStart(text: string): boolean {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [month, day] = [Number(match[1]), Number(match[2])];
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

export const REMINDER_DAYS_MAX = 30;

/** True for a time zone this runtime knows by its IANA name ("Europe/Berlin", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const hashCalendarToken = (token: string) =>
  createHash('sha256').update(token).digest('hex');

const defaults = (userId: number): UserSettings =>
  Object.assign(new UserSettings(), {
    userId,
    timeZone: null,
    remindersEnabled: false,
    reminderDaysBefore: 3,
    calendarTokenHash: null,
    taxYearStart: null,
    updatedAt: new Date(0),
  });

/** `current` with the given fields of `input`, each checked; the rules of every settings write. */
function checkedSettings(current: UserSettings, input: SettingsInput): UserSettings {
  const next = { ...current };
  if (input.timeZone !== undefined && input.timeZone !== null) {
    const zone = input.timeZone.trim();
    if (!isTimeZone(zone)) {
      throw badInput('timeZone', `"${zone}" is not a time zone name such as Europe/Berlin`);
    }
    next.timeZone = zone;
  }
  if (input.remindersEnabled !== undefined && input.remindersEnabled !== null) {
    next.remindersEnabled = input.remindersEnabled;
  }
  if (input.reminderDaysBefore !== undefined && input.reminderDaysBefore !== null) {
    const days = input.reminderDaysBefore;
    if (!Number.isInteger(days) || days < 0 || days > REMINDER_DAYS_MAX) {
      throw badInput('reminderDaysBefore', `Remind 0 to ${REMINDER_DAYS_MAX} days before`);
    }
    next.reminderDaysBefore = days;
  }
  if (input.taxYearStart !== undefined && input.taxYearStart !== null) {
    const start = input.taxYearStart.trim();
    if (!isYearStart(start)) {
      throw badInput('taxYearStart', 'The first day of the tax year as MM-DD, such as 04-06');
    }
    next.taxYearStart = start === '01-01' ? null : start;
  }
  next.updatedAt = new Date();
  return next;
}

/** A user's time zone, reminder preferences, calendar feed secret and tax year. */
export class SettingsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: number): Promise<UserSettings> {
    return (
      (await this.dataSource.manager.findOne(UserSettings, { where: { userId } })) ??
      defaults(userId)
    );
  }

  /** The time zones of many users at once (null: not set, UTC applies). */
  async timeZones(userIds: number[]): Promise<Map<number, string | null>> {
    const unique = [...new Set(userIds)];
    const rows =
      unique.length === 0
        ? []
        : await this.dataSource.manager.find(UserSettings, {
            select: { userId: true, timeZone: true },
            where: { userId: In(unique) },
          });
    return new Map(rows.map((r) => [r.userId, r.timeZone]));
  }

  /** The users who asked for reminders, with how many days ahead. */
  reminderUsers(): Promise<UserSettings[]> {
    return this.dataSource.manager.find(UserSettings, { where: { remindersEnabled: true } });
  }

  async update(userId: number, input: SettingsInput): Promise<UserSettings> {
    const next = checkedSettings(await this.get(userId), input);
    await this.dataSource.manager.upsert(UserSettings, next, ['userId']);
    return Object.assign(new UserSettings(), next);
  }

  /**
   * A restore's settings (export/portable.ts), checked by the rules of `update`. The calendar
   * feed is not restored: its secret is a credential, and the restoring user keeps their own.
   */
  async restore(userId: number, input: SettingsInput, manager: EntityManager): Promise<void> {
    const current = await manager.findOne(UserSettings, { where: { userId } });
    const next = checkedSettings(current ?? defaults(userId), input);
    await manager.upsert(UserSettings, next, ['userId']);
  }

  /** A new calendar feed secret (any earlier feed URL stops working); only its hash is kept. */
  async createCalendarToken(userId: number): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    const current = await this.get(userId);
    await this.dataSource.manager.upsert(
      UserSettings,
      { ...current, calendarTokenHash: hashCalendarToken(token), updatedAt: new Date() },
      ['userId'],
    );
    return token;
  }

  async revokeCalendarToken(userId: number): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      UserSettings,
      { userId },
      { calendarTokenHash: null, updatedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** The user a calendar feed secret belongs to, or null. */
  async userByCalendarToken(token: string): Promise<number | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const row = await this.dataSource.manager.findOne(UserSettings, {
      select: { userId: true },
      where: { calendarTokenHash: hashCalendarToken(token) },
    });
    return row?.userId ?? null;
  }
}
