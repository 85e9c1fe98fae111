import type { DataSource } from 'typeorm';
import { AppError } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor } from '../../lib/money';
import { requireAmount, requireDay, requireText } from '../../lib/validate';
import { checked, once, recordAt, RestoreError, type PortableSection } from '../export/portable';
import type { AccountService } from '../ledger/account.service';
import { requireCurrency } from '../ledger/currency';
import { Book } from './book';
import { accountCurrencies, failing, investmentAccountOf, securityOf } from './investment-refs';
import type { InvestmentService } from './investment.service';
import { AssetClass, Security } from './security.entity';
import { requireSymbol, type SecurityService } from './security.service';
import { SecuritySplit } from './split.entity';
import { Trade } from './trade.entity';
import {
  priceToString,
  quantityToString,
  requirePrice,
  requireQuantity,
  requireRatio,
} from './units';

export interface SecurityRecord {
  symbol: string;
  name: string;
  assetClass: string;
  currency: string;
  /** Stock splits of it: `account` an export id, or null for every account. */
  splits: { account: string | null; date: string; ratio: string }[];
}

export interface TradeRecord {
  account: string;
  symbol: string;
  side: string;
  date: string;
  quantity: string;
  price: string;
  /** In the account's currency. */
  fees: string;
}

/** The ledger's securities by symbol, each with its stock splits. */
export function securitiesSection(
  dataSource: DataSource,
  securities: SecurityService,
): PortableSection<SecurityRecord> {
  const name = 'securities';
  return {
    name,
    holdsData: async (ledgerId, manager) =>
      (await manager.count(Security, { where: { ledgerId }, take: 1 })) > 0,
    export: ({ ledgerId }) =>
      once(async () => {
        const [rows, splits] = await Promise.all([
          dataSource.manager.find(Security, { where: { ledgerId }, order: { id: 'ASC' } }),
          dataSource.manager.find(SecuritySplit, { where: { ledgerId }, order: { id: 'ASC' } }),
        ]);
        return rows.map((s) => ({
          symbol: s.symbol,
          name: s.name,
          assetClass: s.assetClass,
          currency: s.currency,
          splits: splits
            .filter((p) => p.securityId === s.id)
            .map((p) => ({
              account: p.accountId === null ? null : String(p.accountId),
              date: p.date,
              ratio: `${p.ratioNum}:${p.ratioDen}`,
            })),
        }));
      }),
    async restore(records, { scope, manager, ids }) {
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = failing(name, index);
        const fields = checked(name, index, record, () => ({
          symbol: requireSymbol(record.symbol),
          name: requireText(record.name, 'name', 'Name', 100),
          currency: requireCurrency(record.currency, 'currency'),
        }));
        if (!(Object.values(AssetClass) as unknown[]).includes(record.assetClass)) {
          throw fail('assetClass', `must be one of ${Object.values(AssetClass).join(', ')}`);
        }
        if (
          await manager.findOne(Security, {
            where: { ledgerId: scope.ledgerId, symbol: fields.symbol },
          })
        ) {
          throw fail('symbol', 'is listed twice');
        }
        const security = manager.create(Security, {
          ...fields,
          ledgerId: scope.ledgerId,
          assetClass: record.assetClass as AssetClass,
          createdAt: now,
        });
        await manager.insert(Security, security);
        if (!Array.isArray(record.splits)) throw fail('splits', 'must be a list');
        for (const [at, value] of record.splits.entries()) {
          const split = (value ?? {}) as Record<string, unknown>;
          const field = `splits[${at}]`;
          let accountId: number | null = null;
          if (split.account !== null && split.account !== undefined) {
            const account = await investmentAccountOf(
              name,
              index,
              split,
              { ledgerId: scope.ledgerId, ids, manager },
              securities,
            );
            accountId = account.id;
          }
          const { date, ratio } = checked(name, index, record, () => ({
            date: requireDay(split.date, `${field}.date`),
            ratio: requireRatio(split.ratio, `${field}.ratio`),
          }));
          await manager.insert(SecuritySplit, {
            ledgerId: scope.ledgerId,
            securityId: security.id,
            accountId,
            date,
            ratioNum: Number(ratio.num),
            ratioDen: Number(ratio.den),
            createdAt: now,
          });
        }
      }
      return records.length;
    },
    csvColumns: [
      { name: 'symbol', type: 'text', value: (r) => r.symbol },
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'assetClass', type: 'text', value: (r) => r.assetClass },
      { name: 'currency', type: 'text', value: (r) => r.currency },
      {
        name: 'splits',
        type: 'text',
        value: (r) =>
          r.splits
            .map((s) => `${s.date} ${s.ratio}${s.account ? ` @${s.account}` : ''}`)
            .join('; '),
      },
    ],
  };
}

/**
 * Buys and sells, as entered. After the last one the holdings are replayed (with the splits): a
 * sell of more than was held is refused, as a new trade would be.
 */
export function tradesSection(
  dataSource: DataSource,
  accounts: AccountService,
  securities: SecurityService,
  investments: InvestmentService,
): PortableSection<TradeRecord> {
  const name = 'trades';
  return {
    name,
    export: ({ ledgerId }) =>
      once(async () => {
        const [trades, byId, currencyOf] = await Promise.all([
          dataSource.manager.find(Trade, { where: { ledgerId }, order: { id: 'ASC' } }),
          securities.securitiesByIds(ledgerId),
          accountCurrencies(accounts, ledgerId),
        ]);
        return trades.map((t) => ({
          account: String(t.accountId),
          symbol: byId.get(t.securityId)?.symbol ?? '',
          side: t.side,
          date: t.date,
          quantity: quantityToString(BigInt(t.quantityUnits)),
          price: priceToString({ units: BigInt(t.priceUnits), scale: t.priceScale }),
          fees: fromMinor(
            BigInt(t.feesMinor),
            currencyDigits(currencyOf.get(t.accountId) ?? 'USD'),
          ),
        }));
      }),
    async restore(records, { scope, manager, ids }) {
      const now = new Date();
      for (const index of records.keys()) {
        const record = recordAt(name, records, index);
        const fail = failing(name, index);
        const context = { ledgerId: scope.ledgerId, ids, manager };
        const account = await investmentAccountOf(name, index, record, context, securities);
        const security = await securityOf(scope.ledgerId, manager, record.symbol, fail);
        if (security.currency !== account.currency) {
          throw fail(
            'symbol',
            `${security.symbol} is priced in ${security.currency}; the account holds ${account.currency}`,
          );
        }
        if (record.side !== 'BUY' && record.side !== 'SELL')
          throw fail('side', 'must be BUY or SELL');
        const values = checked(name, index, record, () => {
          const price = requirePrice(record.price);
          return {
            date: requireDay(record.date, 'date'),
            quantityUnits: Number(requireQuantity(record.quantity)),
            priceUnits: Number(price.units),
            priceScale: price.scale,
            feesMinor: Number(
              requireAmount(
                record.fees,
                'fees',
                'Fees',
                currencyDigits(account.currency),
                'non-negative',
              ),
            ),
          };
        });
        await manager.insert(Trade, {
          ...values,
          ledgerId: scope.ledgerId,
          accountId: account.id,
          securityId: security.id,
          side: record.side,
          createdAt: now,
          updatedAt: now,
        });
      }
      const book = new Book();
      try {
        for (const event of await investments.events(scope.ledgerId, null, manager))
          book.apply(event);
      } catch (error) {
        if (error instanceof AppError) throw new RestoreError(name, null, null, error.message);
        throw error;
      }
      return records.length;
    },
    csvColumns: [
      { name: 'account', type: 'text', value: (r) => r.account },
      { name: 'symbol', type: 'text', value: (r) => r.symbol },
      { name: 'side', type: 'text', value: (r) => r.side },
      { name: 'date', type: 'date', value: (r) => r.date },
      { name: 'quantity', type: 'number', value: (r) => r.quantity },
      { name: 'price', type: 'number', value: (r) => r.price },
      { name: 'fees', type: 'amount', value: (r) => r.fees },
    ],
  };
}
