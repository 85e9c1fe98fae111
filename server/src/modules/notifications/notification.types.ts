import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../expenses/expense.inputs';

@ObjectType('Notification', { description: 'An in-app message: a bill reminder, a recurring post' })
export class NotificationView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'REMINDER, POSTED or GOAL (a savings milestone)' })
  kind!: string;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => String, { nullable: true, description: 'ISO 8601; null while unread' })
  readAt!: string | null;

  @Field({ description: 'ISO 8601' })
  createdAt!: string;
}

@ObjectType()
export class NotificationConnection {
  @Field(() => [NotificationView])
  nodes!: NotificationView[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
