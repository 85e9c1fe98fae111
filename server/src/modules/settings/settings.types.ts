import { Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('UserSettings')
export class UserSettingsView {
  @Field({ description: 'IANA name; "UTC" until one is chosen' })
  timeZone!: string;

  @Field({
    description: 'False until the user (or the client, from the browser) chose a time zone',
  })
  timeZoneChosen!: boolean;

  @Field()
  remindersEnabled!: boolean;

  @Field(() => Int)
  reminderDaysBefore!: number;

  @Field({ description: 'Whether a calendar feed URL is active' })
  calendarFeedActive!: boolean;

  @Field({ description: 'The first day of the tax year as MM-DD; "01-01": the calendar year' })
  taxYearStart!: string;
}

@InputType()
export class UserSettingsInput {
  @Field(() => String, { nullable: true })
  timeZone?: string | null;

  @Field(() => Boolean, { nullable: true })
  remindersEnabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: '0 to 30' })
  reminderDaysBefore?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'MM-DD: 01-01 (calendar), 04-06 (UK), 04-01 (India), 07-01 (Australia)',
  })
  taxYearStart?: string | null;
}
