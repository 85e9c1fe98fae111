import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

/**
 * An EXPENSE transaction of the ledger, as the original API shows it. The resolvers receive
 * the ledger's Transaction; amount, category, account and currency are resolved from it.
 */
@ObjectType({ description: 'Money spent: an EXPENSE transaction of the ledger' })
export class Expense {
  @Field(() => ID) id!: number;
  @Field() description!: string;
  @Field(() => DateScalar) date!: string;
}
