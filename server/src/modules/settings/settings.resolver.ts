import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { UserSettings } from './user-settings.entity';
import { UserSettingsInput, UserSettingsView } from './settings.types';

const toView = (settings: UserSettings): UserSettingsView => ({
  timeZone: settings.timeZone ?? 'UTC',
  timeZoneChosen: settings.timeZone !== null,
  remindersEnabled: settings.remindersEnabled,
  reminderDaysBefore: settings.reminderDaysBefore,
  calendarFeedActive: settings.calendarTokenHash !== null,
  taxYearStart: settings.taxYearStart ?? '01-01',
});

@Resolver()
export class SettingsResolver {
  @Query(() => UserSettingsView, { description: "The caller's time zone, reminders and feed" })
  async userSettings(@Ctx() ctx: RequestContext): Promise<UserSettingsView> {
    return toView(await ctx.services.settings.get(ctx.requireUser().id));
  }

  @Mutation(() => UserSettingsView, { description: 'Changes the fields given; the rest stay' })
  async updateUserSettings(
    @Arg('input', () => UserSettingsInput) input: UserSettingsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UserSettingsView> {
    return toView(await ctx.services.settings.update(ctx.requireUser().id, input));
  }

  @Mutation(() => String, {
    description:
      "The bills calendar feed's full URL, shown this once; a new one replaces the old (which stops working)",
  })
  async createCalendarFeed(@Ctx() ctx: RequestContext): Promise<string> {
    const { user } = ctx.requireSession();
    const token = await ctx.services.settings.createCalendarToken(user.id);
    return `${ctx.config.appUrl}/api/calendar/${token}.ics`;
  }

  @Mutation(() => Boolean, { description: 'The feed URL stops working; false when there was none' })
  async revokeCalendarFeed(@Ctx() ctx: RequestContext): Promise<boolean> {
    const { user } = ctx.requireSession();
    return ctx.services.settings.revokeCalendarToken(user.id);
  }
}
