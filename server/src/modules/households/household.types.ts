import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { PageInfo } from '../expenses/expense.inputs';
import { Role } from '../ledger-access/ledger.entity';

@ObjectType({ description: 'A person as other members of a ledger see them: a name' })
export class LedgerUser {
  @Field(() => ID) id!: string;
  @Field() name!: string;
}

@ObjectType('LedgerMember', { description: 'A member of a ledger and their role' })
export class LedgerMemberView {
  @Field(() => LedgerUser) user!: LedgerUser;
  @Field(() => Role) role!: Role;
  @Field(() => String, {
    nullable: true,
    description: "Shown to the ledger's owners and to the member themself only",
  })
  email!: string | null;
  @Field({ description: 'ISO 8601, UTC' }) joinedAt!: string;
  @Field({ description: 'Whether this member is the caller' }) isYou!: boolean;
}

@ObjectType('LedgerInvitation', {
  description: 'An open invitation of a ledger, as its owners see it',
})
export class LedgerInvitationView {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field(() => Role) role!: Role;
  @Field({ description: 'ISO 8601, UTC' }) createdAt!: string;
  @Field({ description: 'ISO 8601, UTC' }) expiresAt!: string;
  @Field(() => LedgerUser, { nullable: true }) invitedBy!: LedgerUser | null;
}

export enum InvitationStatusEnum {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(InvitationStatusEnum, { name: 'InvitationStatus' });

@ObjectType('Invitation', {
  description: 'What the holder of an invitation link sees before answering it',
})
export class InvitationView {
  @Field() ledgerName!: string;
  @Field({ description: 'The address it was sent to: only that account can accept it' })
  email!: string;
  @Field(() => Role) role!: Role;
  @Field(() => String, { nullable: true }) invitedBy!: string | null;
  @Field({ description: 'ISO 8601, UTC' }) expiresAt!: string;
  @Field(() => InvitationStatusEnum) status!: InvitationStatusEnum;
}

@ObjectType('LedgerActivity', {
  description: 'One thing that happened in a ledger, and who did it',
})
export class LedgerActivityEntry {
  @Field(() => ID) id!: string;
  @Field({ description: 'ISO 8601, UTC' }) at!: string;
  @Field({
    description:
      'TRANSACTION_CREATED, TRANSACTION_UPDATED, LEDGER_CREATED, LEDGER_RENAMED, MEMBER_INVITED, ' +
      'INVITATION_REVOKED, MEMBER_JOINED, INVITATION_DECLINED, MEMBER_LEFT, MEMBER_REMOVED, ' +
      'ROLE_CHANGED, OWNERSHIP_TRANSFERRED',
  })
  type!: string;
  @Field(() => LedgerUser, { nullable: true, description: 'Who did it' })
  actor!: LedgerUser | null;
  @Field(() => LedgerUser, { nullable: true, description: 'The member it was done to' })
  subject!: LedgerUser | null;
  @Field(() => ID, { nullable: true }) transactionId!: string | null;
  @Field(() => String, { nullable: true, description: "The transaction's description" })
  description!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: "The transaction's amount" })
  amount!: Money | null;
  @Field(() => String, { nullable: true, description: "The transaction's currency" })
  currency!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'A role, a new name; an invited address for owners only',
  })
  detail!: string | null;
}

@ObjectType()
export class LedgerActivityConnection {
  @Field(() => [LedgerActivityEntry]) nodes!: LedgerActivityEntry[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
