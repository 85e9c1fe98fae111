import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { PageInfo } from '../expenses/expense.inputs';
import { User } from '../users/user.entity';
import { SplitMethod } from './group-expense.entity';

registerEnumType(SplitMethod, {
  name: 'SplitMethod',
  description:
    'EQUAL: the same part each; SHARES: in proportion to shares; EXACT: amounts given; ' +
    'PERCENT: percentages adding up to 100. Leftover minor units go to the largest remainders, ' +
    'ties to the earlier member.',
});

@InputType()
export class GroupMemberInput {
  @Field({ description: 'Up to 100 characters' }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'An app user with this email who is a member of the ledger sees their shares',
  })
  email?: string | null;
  @Field(() => String, { nullable: true, description: 'For payment requests (EPC QR in euros)' })
  iban?: string | null;
}

@InputType()
export class GroupInput {
  @Field() name!: string;
  @Field() currency!: string;
  @Field(() => [GroupMemberInput]) members!: GroupMemberInput[];
}

@InputType()
export class GroupUpdateInput {
  @Field() name!: string;
  @Field({ description: 'Changeable only while the group has no expenses or settlements' })
  currency!: string;
}

@InputType()
export class SplitInput {
  @Field(() => ID) memberId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Shares, exact amount or percent, by method; absent for EQUAL',
  })
  value?: string | null;
}

@InputType()
export class GroupExpenseInput {
  @Field(() => ID) groupId!: string;
  @Field() description!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => String, { nullable: true, description: "Default: the group's currency" })
  currency?: string | null;
  @Field(() => DateScalar) date!: string;
  @Field(() => ID) paidByMemberId!: string;
  @Field(() => SplitMethod) method!: SplitMethod;
  @Field(() => [SplitInput], { description: 'The members who share it; EQUAL with none: everyone' })
  splits!: SplitInput[];
  @Field(() => String, {
    nullable: true,
    description: 'Category of the shares in members\' ledgers; default "Shared expenses"',
  })
  category?: string | null;
}

@InputType()
export class SettlementInput {
  @Field(() => ID) groupId!: string;
  @Field(() => ID) fromMemberId!: string;
  @Field(() => ID) toMemberId!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => DateScalar) date!: string;
}

@ObjectType('GroupMember')
export class GroupMemberView {
  @Field(() => ID) id!: number;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) iban!: string | null;
  @Field(() => User, { nullable: true, description: 'The app user whose ledger gets the shares' })
  user!: User | null;
}

@ObjectType()
export class GroupBalance {
  @Field(() => GroupMemberView) member!: GroupMemberView;
  @Field(() => DecimalScalar, { description: '> 0: is owed; < 0: owes' }) balance!: Money;
}

@ObjectType({ description: 'Pay this to settle up; paying one leaves the others as they are' })
export class SuggestedTransfer {
  @Field(() => GroupMemberView) from!: GroupMemberView;
  @Field(() => GroupMemberView) to!: GroupMemberView;
  @Field(() => DecimalScalar) amount!: Money;
}

@ObjectType('Group')
export class GroupView {
  @Field(() => ID) id!: number;
  @Field() name!: string;
  @Field() currency!: string;
  @Field(() => [GroupMemberView], { description: 'In member order' })
  members!: GroupMemberView[];
  @Field(() => [GroupBalance]) balances!: GroupBalance[];
  @Field(() => [SuggestedTransfer], {
    description: 'At most n - 1 transfers that settle every balance',
  })
  settlements!: SuggestedTransfer[];
  @Field(() => Int) expenseCount!: number;
}

@ObjectType()
export class GroupExpenseSplitView {
  @Field(() => GroupMemberView) member!: GroupMemberView;
  @Field(() => String, { nullable: true }) value!: string | null;
  @Field(() => DecimalScalar, { description: "In the group's currency" }) amount!: Money;
}

@ObjectType('GroupExpense')
export class GroupExpenseView {
  @Field(() => ID) id!: number;
  @Field(() => ID) groupId!: number;
  @Field() description!: string;
  @Field(() => DecimalScalar, { description: 'As paid, in `currency`' }) amount!: Money;
  @Field() currency!: string;
  @Field(() => DecimalScalar, { description: "In the group's currency" }) groupAmount!: Money;
  @Field({ description: 'From `currency` to the group\'s ("1" when the same)' }) rate!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => GroupMemberView) paidBy!: GroupMemberView;
  @Field(() => SplitMethod) method!: SplitMethod;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field(() => [GroupExpenseSplitView], { description: 'In member order; they add up exactly' })
  splits!: GroupExpenseSplitView[];
}

@ObjectType('GroupSettlement')
export class GroupSettlementView {
  @Field(() => ID) id!: number;
  @Field(() => GroupMemberView) from!: GroupMemberView;
  @Field(() => GroupMemberView) to!: GroupMemberView;
  @Field(() => DecimalScalar) amount!: Money;
  @Field(() => DateScalar) date!: string;
}

@ObjectType()
export class GroupExpenseConnection {
  @Field(() => [GroupExpenseView]) nodes!: GroupExpenseView[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class GroupSettlementConnection {
  @Field(() => [GroupSettlementView]) nodes!: GroupSettlementView[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class PaymentRequest {
  @Field() text!: string;
  @Field(() => String, {
    nullable: true,
    description: 'A mailto: link when the payer has an email',
  })
  link!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'A data: URL of the EPC QR PNG: euro groups, to a member with an IBAN',
  })
  epcQr!: string | null;
  @Field(() => String, { nullable: true, description: 'The EPC069-12 payload in the QR' })
  epcPayload!: string | null;
  @Field(() => DecimalScalar) amount!: Money;
}
