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
          },
        ];
      }),
    async restore(records, { scope, manager }) {
      const record = recordAt(name, records, 0);
      const { timeZone, remindersEnabled, reminderDaysBefore } = record;
      if (timeZone !== null && typeof timeZone !== 'string') {
        throw new RestoreError(name, null, 'timeZone', 'must be a time zone name or null');
      }
      if (typeof remindersEnabled !== 'boolean') {
        throw new RestoreError(name, null, 'remindersEnabled', 'must be true or false');
      }
      if (typeof reminderDaysBefore !== 'number') {
        throw new RestoreError(name, null, 'reminderDaysBefore', 'must be a number');
      }
      await checkedAsync(name, 0, record, () =>
        settings.restore(
          scope.user.id,
          { timeZone: timeZone ?? undefined, remindersEnabled, reminderDaysBefore },
          manager,
        ),
      );
      return 1;
    },
    csvColumns: [
      { name: 'timeZone', type: 'text', value: (r) => r.timeZone },
      { name: 'remindersEnabled', type: 'boolean', value: (r) => r.remindersEnabled },
      { name: 'reminderDaysBefore', type: 'number', value: (r) => r.reminderDaysBefore },
    ],
  };
}
