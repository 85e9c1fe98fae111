import type { DataSource, EntityManager } from 'typeorm';
import { badInput } from '../../errors';
import { requireText } from '../../lib/validate';
import type { LedgerScope } from '../ledger-access/ledger-access.service';
import { AccountType, type Account } from '../ledger/account.entity';
import type { AccountService } from '../ledger/account.service';
import { AssetClass, Security } from './security.entity';

const SYMBOL = /^[A-Z0-9][A-Z0-9.\-:^=]{0,19}$/;

export function requireSymbol(value: unknown, field = 'symbol'): string {
  const symbol = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!SYMBOL.test(symbol)) {
    throw badInput(
      field,
      'Symbol must be 1 to 20 letters, digits or . - : ^ = (e.g. AAPL, VWCE.DE)',
    );
  }
  return symbol;
}

/** A ledger's securities by symbol, and the INVESTMENT accounts that hold them. */
export class SecurityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
  ) {}

  async investmentAccount(
    ledgerId: number,
    accountId: unknown,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Account> {
    if (accountId === undefined || accountId === null || accountId === '') {
      throw badInput('accountId', 'Choose an investment account');
    }
    const account = await this.accounts.get(ledgerId, accountId, manager, 'accountId');
    if (account.type !== AccountType.INVESTMENT) {
      throw badInput('accountId', `"${account.name}" is not an INVESTMENT account`);
    }
    return account;
  }

  listSecurities(ledgerId: number): Promise<Security[]> {
    return this.dataSource.manager.find(Security, {
      where: { ledgerId },
      order: { symbol: 'ASC' },
    });
  }

  async security(
    ledgerId: number,
    symbol: unknown,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Security> {
    const found = await manager.findOne(Security, {
      where: { ledgerId, symbol: requireSymbol(symbol) },
    });
    if (!found) throw badInput('symbol', 'No security with this symbol: add a trade of it first');
    return found;
  }

  /** The security of `symbol`, made on first use in the account's currency. */
  async securityFor(
    ledgerId: number,
    symbol: string,
    account: Account,
    manager: EntityManager,
  ): Promise<Security> {
    let security = await manager.findOne(Security, { where: { ledgerId, symbol } });
    if (!security) {
      security = manager.create(Security, {
        ledgerId,
        symbol,
        name: symbol,
        assetClass: AssetClass.STOCK,
        currency: account.currency,
        createdAt: new Date(),
      });
      await manager.insert(Security, security);
    }
    if (security.currency !== account.currency) {
      // One currency per account keeps its cost, value and gains exact, with no rate involved.
      throw badInput(
        'symbol',
        `${symbol} is priced in ${security.currency}; "${account.name}" holds ${account.currency}`,
      );
    }
    return security;
  }

  async updateSecurity(
    scope: LedgerScope,
    symbol: unknown,
    fields: { name: unknown; assetClass: unknown },
  ): Promise<Security> {
    const security = await this.security(scope.ledgerId, symbol);
    const name = requireText(fields.name, 'name', 'Name', 100);
    if (!(Object.values(AssetClass) as unknown[]).includes(fields.assetClass)) {
      throw badInput(
        'assetClass',
        `Asset class must be one of ${Object.values(AssetClass).join(', ')}`,
      );
    }
    await this.dataSource.manager.update(
      Security,
      { id: security.id, ledgerId: scope.ledgerId },
      { name, assetClass: fields.assetClass as AssetClass },
    );
    return { ...security, name, assetClass: fields.assetClass as AssetClass };
  }

  async securitiesByIds(ledgerId: number): Promise<Map<number, Security>> {
    return new Map((await this.listSecurities(ledgerId)).map((s) => [s.id, s]));
  }
}
