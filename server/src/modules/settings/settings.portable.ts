import type { DataSource } from 'typeorm';
import {
  checkedAsync,
  once,
  recordAt,
  RestoreError,
  type PortableSection,
} from '../export/portable';
import type { SettingsService } from './settings.service';
import { UserSettings } from './user-settings.entity';

export interface SettingsRecord {
  timeZone: string | null;
  remindersEnabled: boolean;
  reminderDaysBefore: number;
  /** The tax year's first day, MM-DD ("01-01": the calendar year). Since version 2. */
  taxYearStart: string;
}

/**
 * The exporting user's preferences: one object. The calendar feed's secret is a credential and
 * stays out of the export.
 */
export function settingsSection(
  dataSource: DataSource,
  settings: SettingsService,
): PortableSection<SettingsRecord> {
  const name = 'settings';
  return {
    name,
    single: true,
    export: ({ user }) =>
      once(async () => {
        const row = await dataSource.manager.findOne(UserSettings, { where: { userId: user.id } });
        return [
          {
            timeZone: row?.timeZone ?? null,
            remindersEnabled: row?.remindersEnabled ?? false,
            reminderDaysBefore: row?.reminderDaysBefore ?? 3,
            taxYearStart: row?.taxYearStart ?? '01-01',
          },
        ];
      }),
    async restore(records, { scope, manager }) {
      const record = recordAt(name, records, 0);
      const { timeZone, remindersEnabled, reminderDaysBefore, taxYearStart } = record;
      if (timeZone !== null && typeof timeZone !== 'string') {
        throw new RestoreError(name, null, 'timeZone', 'must be a time zone name or null');
      }
      if (typeof remindersEnabled !== 'boolean') {
        throw new RestoreError(name, null, 'remindersEnabled', 'must be true or false');
      }
      if (typeof reminderDaysBefore !== 'number') {
        throw new RestoreError(name, null, 'reminderDaysBefore', 'must be a number');
      }
      // A version 1 document has none: the restoring user's own stays.
      if (taxYearStart !== undefined && typeof taxYearStart !== 'string') {
        throw new RestoreError(name, null, 'taxYearStart', 'must be a day of the year as MM-DD');
      }
      await checkedAsync(name, 0, record, () =>
        settings.restore(
          scope.user.id,
          { timeZone: timeZone ?? undefined, remindersEnabled, reminderDaysBefore, taxYearStart },
          manager,
        ),
      );
      return 1;
    },
    csvColumns: [
      { name: 'timeZone', type: 'text', value: (r) => r.timeZone },
      { name: 'remindersEnabled', type: 'boolean', value: (r) => r.remindersEnabled },
      { name: 'reminderDaysBefore', type: 'number', value: (r) => r.reminderDaysBefore },
      { name: 'taxYearStart', type: 'text', value: (r) => r.taxYearStart },
    ],
  };
}
