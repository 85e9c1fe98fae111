import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class Webhook {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field(() => [String])
  events!: string[];

  @Field({ description: 'False once disabled after failing again and again' })
  active!: boolean;

  @Field()
  createdAt!: string;
}

@ObjectType({ description: 'One attempt to deliver one event; response bodies are not kept' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The event id: the same on every attempt, for receivers to dedupe' })
  eventId!: string;

  @Field()
  eventType!: string;

  @Field(() => Int)
  attempt!: number;

  @Field()
  ok!: boolean;

  @Field(() => Int, { nullable: true })
  statusCode!: number | null;

  @Field(() => Int, { nullable: true })
  responseMs!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field()
  createdAt!: string;
}

@ObjectType({ description: 'The signing secret is shown this once' })
export class CreatedWebhook {
  @Field()
  secret!: string;

  @Field(() => Webhook)
  webhook!: Webhook;
}
