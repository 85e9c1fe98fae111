import { Field, InputType } from 'type-graphql';

// Lengths and formats are checked by UserService, the one path shared with the form routes.

@InputType()
export class RegisterInput {
  @Field() firstname!: string;
  @Field() lastname!: string;
  @Field() email!: string;
  @Field({ description: '3 to 50 letters, digits, dots, dashes or underscores' }) username!: string;
  @Field({ description: '8 to 128 characters' }) password!: string;
  @Field({ nullable: true, description: 'ISO 4217 code; default USD' }) currency?: string;
}

@InputType({ description: 'The fields to change; the ones left out stay as they are' })
export class ProfileInput {
  @Field({ nullable: true }) firstname?: string;
  @Field({ nullable: true }) lastname?: string;
  @Field({ nullable: true }) email?: string;
  @Field({ nullable: true, description: 'ISO 4217 code' }) currency?: string;
}
