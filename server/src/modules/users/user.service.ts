import { In, type DataSource, type EntityManager } from 'typeorm';
import { badInput } from '../../errors';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { currencyDigits, DEFAULT_CURRENCY, isCurrencyCode } from '../../lib/currencies';
import { hashPassword } from '../../lib/password';
import { usernameRuleProblem } from '../../lib/username';
import { requireNewPassword, requireText } from '../../lib/validate';
import type { RequestOrigin } from '../audit/audit.service';
import type { CategoryService } from '../categories/category.service';
import type { LedgerAccessService } from '../ledger-access/ledger-access.service';
import type { RateLimitService } from '../rate-limits/rate-limit.service';
import type { BudgetService } from '../budgets/budget.service';
import type { AccountService } from '../ledger/account.service';
import type { LedgerTotalsService } from '../ledger/ledger-totals.service';
import type { TransactionService } from '../ledger/transaction.service';
import { User } from './user.entity';

export interface RegisterFields {
  firstname: unknown;
  lastname: unknown;
  email: unknown;
  username: unknown;
  password: unknown;
  currency?: unknown;
}

export interface ProfileFields {
  firstname?: unknown;
  lastname?: unknown;
  email?: unknown;
  currency?: unknown;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireEmail(value: unknown, field = 'email'): string {
  const email = requireText(value, field, 'Email', 254);
  if (!EMAIL.test(email))
    throw badInput(field, 'Email must be an address such as name@example.com');
  return email;
}

function requireUsername(value: unknown): string {
  const username = requireText(value, 'username', 'Username', 50);
  const problem = usernameRuleProblem(username);
  if (problem) throw badInput('username', problem);
  return username;
}

function requireCurrency(value: unknown): string {
  if (value === undefined || value === null || value === '') return DEFAULT_CURRENCY;
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!isCurrencyCode(code))
    throw badInput('currency', 'Currency must be an ISO 4217 code such as USD');
  return code;
}

export const normalizeLogin = (text: string) => text.trim().toLowerCase();

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
    private readonly ledgers: LedgerAccessService,
    private readonly accounts: AccountService,
    private readonly budgets: BudgetService,
    private readonly ledgerTotals: LedgerTotalsService,
    private readonly transactions: TransactionService,
    private readonly rateLimits: RateLimitService,
    private readonly scryptLogN: number,
  ) {}

  async register(fields: RegisterFields, origin: RequestOrigin): Promise<User> {
    const firstname = requireText(fields.firstname, 'firstname', 'First name', 100);
    const lastname = requireText(fields.lastname, 'lastname', 'Last name', 100);
    const email = requireEmail(fields.email);
    const username = requireUsername(fields.username);
    const password = requireNewPassword(fields.password, 'password');
    const currency = requireCurrency(fields.currency);
    await this.rateLimits.consume('registrationsPerAddress', origin.ip ?? 'unknown');
    await this.assertAvailable(email, username);
    const passwordHash = await hashPassword(password, this.scryptLogN);
    const now = new Date();
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const user = manager.create(User, {
          firstname,
          lastname,
          email,
          emailKey: normalizeLogin(email),
          username,
          usernameKey: normalizeLogin(username),
          passwordHash,
          currency,
          createdAt: now,
          updatedAt: now,
        });
        await manager.insert(User, user);
        const ledger = await this.ledgers.createPersonal(user.id, manager);
        await this.categories.createDefaults(ledger.id, user.id, manager);
        await this.accounts.createDefault(ledger.id, currency, manager);
        return user;
      });
    } catch (error) {
      // Two registrations racing for the same name: the unique index decides, we explain.
      if (isUniqueViolation(error)) await this.assertAvailable(email, username);
      throw error;
    }
  }

  findById(id: number): Promise<User | null> {
    return this.dataSource.getRepository(User).findOne({ where: { id } });
  }

  /** The users of these ids that exist, in no particular order (names of members, authors). */
  findByIds(ids: readonly number[]): Promise<User[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(User).findBy({ id: In([...ids]) });
  }

  /** Login accepts the username or the email, both ignoring case. */
  findByLogin(login: string): Promise<User | null> {
    const key = normalizeLogin(login);
    return this.dataSource
      .getRepository(User)
      .findOne({ where: key.includes('@') ? { emailKey: key } : { usernameKey: key } });
  }

  async updateProfile(user: User, fields: ProfileFields): Promise<User> {
    const changes: Partial<User> = {};
    if (fields.firstname != null)
      changes.firstname = requireText(fields.firstname, 'firstname', 'First name', 100);
    if (fields.lastname != null)
      changes.lastname = requireText(fields.lastname, 'lastname', 'Last name', 100);
    if (fields.email != null) {
      changes.email = requireEmail(fields.email);
      changes.emailKey = normalizeLogin(changes.email);
    }
    if (fields.currency != null) changes.currency = requireCurrency(fields.currency);
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        if (changes.currency && changes.currency !== user.currency) {
          // The reporting currency of the personal ledger: budgets and targets are minor units of
          // the old currency, so its digits stay while any exist; transactions are re-expressed.
          const { ledgerId } = await this.ledgers.resolve(user, null);
          if (
            currencyDigits(changes.currency) !== currencyDigits(user.currency) &&
            (await this.budgets.hasAny(ledgerId, manager))
          ) {
            throw badInput(
              'currency',
              `Currency can only change to one with ${currencyDigits(user.currency)} decimal places while budgets are set`,
            );
          }
          if (await this.ledgerTotals.hasTransactions(ledgerId, manager)) {
            await this.transactions.reexpress(ledgerId, changes.currency, manager);
          }
          await this.accounts.followCurrency(ledgerId, user.currency, changes.currency, manager);
        }
        await manager.update(User, { id: user.id }, { ...changes, updatedAt: new Date() });
        return await manager.findOneOrFail(User, { where: { id: user.id } });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw badInput('email', 'An account with this email already exists');
      throw error;
    }
  }

  /**
   * The settings of a restored export (its reporting currency), inside the restore's transaction;
   * the ledger restored into is empty, so nothing needs re-expressing. A personal ledger's
   * currency is its owner's; a shared ledger's is its own, and the members' stay theirs.
   * Answers the currency.
   */
  async restoreSettings(
    scope: { ledgerId: number; user: { id: number } },
    settings: { currency?: unknown },
    manager: EntityManager,
  ): Promise<string> {
    if (settings.currency == null || settings.currency === '') {
      throw badInput('currency', 'Currency is required');
    }
    const currency = requireCurrency(settings.currency);
    if (await this.ledgers.isPersonal(scope.ledgerId, manager)) {
      await manager.update(User, { id: scope.user.id }, { currency, updatedAt: new Date() });
    } else {
      await this.ledgers.setCurrency(scope.ledgerId, currency, manager);
    }
    return currency;
  }

  async setPasswordHash(userId: number, passwordHash: string): Promise<void> {
    await inTransaction(this.dataSource, (manager) =>
      manager.update(User, { id: userId }, { passwordHash, updatedAt: new Date() }),
    );
  }

  private async assertAvailable(email: string, username: string): Promise<void> {
    const repository = this.dataSource.getRepository(User);
    if (await repository.exists({ where: { usernameKey: normalizeLogin(username) } })) {
      throw badInput('username', 'This username is already taken');
    }
    if (await repository.exists({ where: { emailKey: normalizeLogin(email) } })) {
      throw badInput('email', 'An account with this email already exists');
    }
  }
}
