import { Field, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

@ObjectType('ExchangeRate', { description: '1 `from` = `rate` `to` on `date`' })
export class ExchangeRateView {
  @Field({ description: 'ISO 4217 code of the base currency' })
  from!: string;

  @Field({ description: 'ISO 4217 code of the quoted currency' })
  to!: string;

  @Field(() => DateScalar)
  date!: string;

  @Field({ description: 'A positive decimal string, e.g. "1.0825"' })
  rate!: string;

  @Field({ description: 'MANUAL, ECB (an imported file) or PROVIDER (RATES_URL)' })
  source!: string;
}

@InputType()
export class ExchangeRateInput {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => DateScalar)
  date!: string;

  @Field({ description: 'A positive decimal with at most 12 decimals, e.g. "1.0825"' })
  rate!: string;
}
