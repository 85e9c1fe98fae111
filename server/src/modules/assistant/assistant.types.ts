import { Field, ID, ObjectType } from 'type-graphql';
import { Expense } from '../expenses/expense.types';

@ObjectType({
  description: 'A write the assistant proposes; nothing is saved until it is confirmed',
})
export class AssistantAction {
  @Field(() => ID, { description: 'Pass to confirmAssistantAction; valid for 30 minutes, once' })
  id!: string;

  @Field({ description: 'What would be recorded, in words' })
  description!: string;

  @Field(() => Expense, {
    nullable: true,
    description:
      'The expense written by confirmAssistantAction (see assistantAction); null while ' +
      'proposed, and for income and transfers, which are not expenses',
  })
  expense!: Expense | null;
}

@ObjectType()
export class AssistantReply {
  @Field({ description: 'Plain text, never markup' })
  text!: string;

  @Field({
    description:
      'log_expense, log_income, transfer, spending, biggest_category, budget_status, balance, bill_due, advice or help',
  })
  intent!: string;

  @Field(() => AssistantAction, {
    nullable: true,
    description: 'A proposed write, never done by `ask`',
  })
  action!: AssistantAction | null;
}
