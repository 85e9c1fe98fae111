import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar, MonthScalar } from '../../graphql/scalars';
import type { Money } from '../../lib/money';
import { PageInfo } from '../expenses/expense.inputs';
import { AssetClass } from './security.entity';

export enum TradeSide {
  BUY = 'BUY',
  SELL = 'SELL',
}
registerEnumType(TradeSide, { name: 'TradeSide' });
registerEnumType(AssetClass, { name: 'AssetClass' });

@ObjectType('Security', { description: 'Something held in an investment account, by symbol' })
export class SecurityView {
  @Field(() => ID) id!: string;
  @Field() symbol!: string;
  @Field() name!: string;
  @Field(() => AssetClass) assetClass!: AssetClass;
  @Field({ description: 'ISO 4217 code of its prices' }) currency!: string;
}

@ObjectType('Trade')
export class TradeView {
  @Field(() => ID) id!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => SecurityView) security!: SecurityView;
  @Field(() => TradeSide) side!: TradeSide;
  @Field(() => DateScalar) date!: string;
  @Field({ description: 'Decimal string, up to 8 decimals' }) quantity!: string;
  @Field({ description: 'Decimal string, as entered' }) price!: string;
  @Field(() => DecimalScalar) fees!: Money;
  @Field(() => DecimalScalar, {
    description:
      "Cash moved, in the account's currency: a buy's cost with fees, a sell's proceeds net of fees",
  })
  amount!: Money;
}

@ObjectType()
export class TradeConnection {
  @Field(() => [TradeView]) nodes!: TradeView[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: "Money fields are in the portfolio's currency" })
export class Holding {
  @Field(() => SecurityView) security!: SecurityView;
  @Field(() => ID) accountId!: string;
  @Field({ description: 'Decimal string, up to 8 decimals' }) quantity!: string;
  @Field(() => String, { nullable: true, description: 'The price it is valued at' })
  price!: string | null;
  @Field(() => DecimalScalar, { description: 'Of the open lots, first in first out' })
  costBasis!: Money;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null when no price is known' })
  marketValue!: Money | null;
  @Field(() => DecimalScalar, { nullable: true }) unrealizedGain!: Money | null;
  @Field(() => DecimalScalar, { description: 'Of the sells within the period' })
  realizedGain!: Money;
  @Field(() => DecimalScalar, { description: 'Within the period' }) dividends!: Money;
  @Field(() => String, { nullable: true }) totalReturn!: string | null;
  @Field(() => String, { nullable: true }) timeWeightedReturn!: string | null;
  @Field(() => String, { nullable: true }) moneyWeightedReturn!: string | null;
}

@ObjectType()
export class AllocationSlice {
  @Field({ description: 'ASSET_CLASS, HOLDING or CURRENCY' }) kind!: string;
  @Field({ description: 'The asset class, the symbol or the currency code' }) label!: string;
  @Field(() => DecimalScalar) value!: Money;
  @Field({ description: 'Of the portfolio value, "0.2500" = 25 %' }) share!: string;
}

@ObjectType()
export class MonthAmount {
  @Field(() => MonthScalar) month!: string;
  @Field(() => DecimalScalar) amount!: Money;
}

@ObjectType({
  description:
    'Holdings on `to` and returns over [from, to]; returns are decimal strings ("0.0734" = 7.34 %)',
})
export class Portfolio {
  @Field({ description: "The account's currency, or the reporting currency across accounts" })
  currency!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => DecimalScalar) value!: Money;
  @Field(() => DecimalScalar) costBasis!: Money;
  @Field(() => DecimalScalar) unrealizedGain!: Money;
  @Field(() => DecimalScalar) realizedGain!: Money;
  @Field(() => DecimalScalar) dividendIncome!: Money;
  @Field(() => String, { nullable: true }) totalReturn!: string | null;
  @Field(() => String, { nullable: true }) timeWeightedReturn!: string | null;
  @Field(() => String, { nullable: true, description: 'XIRR, annualised' })
  moneyWeightedReturn!: string | null;
  @Field(() => [Holding]) holdings!: Holding[];
  @Field(() => [AllocationSlice]) allocation!: AllocationSlice[];
  @Field(() => [MonthAmount]) dividends!: MonthAmount[];
}

@ObjectType()
export class PortfolioValuePoint {
  @Field(() => DateScalar) date!: string;
  @Field(() => DecimalScalar) value!: Money;
  @Field(() => DecimalScalar) costBasis!: Money;
}

@ObjectType()
export class PricePoint {
  @Field(() => DateScalar) date!: string;
  @Field() price!: string;
  @Field({ description: 'MANUAL, FILE or PROVIDER' }) source!: string;
}

@ObjectType('Split')
export class SplitView {
  @Field(() => ID) id!: string;
  @Field() symbol!: string;
  @Field(() => ID, { nullable: true, description: 'Null: every account' }) accountId!:
    string | null;
  @Field(() => DateScalar) date!: string;
  @Field({ description: '"3:2" = three new for two held' }) ratio!: string;
}

@InputType()
export class TradeInput {
  @Field(() => ID) accountId!: string;
  @Field() symbol!: string;
  @Field(() => TradeSide) side!: TradeSide;
  @Field({ description: 'Decimal string, up to 8 decimals' }) quantity!: string;
  @Field(() => DecimalScalar, { description: 'Per unit, up to 10 decimals' }) price!: string;
  @Field(() => DecimalScalar, { nullable: true }) fees?: string;
  @Field(() => DateScalar) date!: string;
}

@InputType()
export class DividendInput {
  @Field(() => ID) accountId!: string;
  @Field() symbol!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => DateScalar) date!: string;
}

@InputType()
export class SecurityInput {
  @Field() name!: string;
  @Field(() => AssetClass) assetClass!: AssetClass;
}
