import { randomBytes } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import { AppError, badInput } from '../../errors';
import { currencyDigits } from '../../lib/currencies';
import { fromMinor, toMinor } from '../../lib/money';
import type { BudgetService } from '../budgets/budget.service';
import type { CategoryService } from '../categories/category.service';
import { requireAccess, type LedgerScope } from '../ledger-access/ledger-access.service';
import type { AccountService } from '../ledger/account.service';
import type { LedgerTotalsService } from '../ledger/ledger-totals.service';
import { TransactionKind, type Transaction } from '../ledger/transaction.entity';
import type { TransactionQueryService } from '../ledger/transaction-query.service';
import type { TransactionDraft, TransactionService } from '../ledger/transaction.service';
import type { BillsService } from '../recurring/bills.service';
import { AssistantActionRecord } from './assistant-action.entity';
import { asksForHelp, parseUtterance, type AssistantContext, type Parsed } from './intent-parser';
import { bestMatch, nameTerms } from './matcher';
import type { ModelFallback } from './model-fallback';

/** Longer text is refused before any parsing: every answer stays within a bounded time. */
export const ASK_MAX = 500;
const ACTION_MINUTES = 30;

export const HELP_TEXT =
  'I can log "spent 12.50 on lunch yesterday at Pret", "20€ taxi", "got paid 2,000 today" or ' +
  '"moved 500 to savings" (you confirm before anything is saved), and answer "how much did I ' +
  'spend on food last month?", "what was my biggest category this year?", "am I over budget?", ' +
  '"what\'s in my savings account?", "when is rent due?" and "how can I save more?".';

export interface AssistantAnswer {
  text: string;
  intent: string;
  action: { id: string; description: string } | null;
}

/** Plain-language questions and proposed writes; a write happens only on confirmation. */
export class AssistantService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deps: {
      accounts: AccountService;
      categories: CategoryService;
      ledgerTotals: LedgerTotalsService;
      budgets: BudgetService;
      bills: BillsService;
      transactions: TransactionService;
      transactionQueries: TransactionQueryService;
    },
    private readonly now: () => Date = () => new Date(),
    /** ASSISTANT_URL's model: asked only about what the rules leave unclassified. */
    private readonly model: ModelFallback | null = null,
  ) {}

  async ask(scope: LedgerScope, raw: unknown): Promise<AssistantAnswer> {
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) throw badInput('text', 'Type a question or something to log');
    if (text.length > ASK_MAX) {
      throw badInput('text', `Keep it under ${ASK_MAX} characters`);
    }
    const context = await this.context(scope);
    let parsed = parseUtterance(text, context);
    if (parsed.intent === 'help' && this.model && !asksForHelp(text)) {
      parsed = (await this.model.classify(text, context, scope.user.currency)) ?? parsed;
    }
    switch (parsed.intent) {
      case 'log_expense':
      case 'log_income':
      case 'transfer':
        return this.propose(scope, parsed, context);
      case 'spending':
        return this.spending(scope, parsed);
      case 'biggest_category':
        return this.biggest(scope, parsed.period);
      case 'budget_status':
        return this.budget(scope, context.today);
      case 'balance':
        return this.balance(scope, parsed.account);
      case 'bill_due':
        return this.billDue(scope, parsed.subject);
      case 'advice':
        return this.advice(scope, context.today);
      default:
        return { text: HELP_TEXT, intent: 'help', action: null };
    }
  }

  /** Writes the proposed transaction through the ledger's one write path, once. */
  async confirm(scope: LedgerScope, id: unknown): Promise<Transaction> {
    requireAccess(scope, 'write');
    const actionId = typeof id === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(id) ? id : null;
    return inTransaction(this.dataSource, async (manager) => {
      const action = actionId
        ? await manager.findOne(AssistantActionRecord, {
            where: { id: actionId, userId: scope.user.id, ledgerId: scope.ledgerId },
          })
        : null;
      if (!action) throw new AppError('NOT_FOUND', 'Nothing to confirm', 'id');
      if (action.usedAt) throw badInput('id', 'This was already confirmed');
      if (action.expiresAt.getTime() < this.now().getTime()) {
        throw badInput('id', 'This proposal has expired: ask again');
      }
      // Marked used first, in the same transaction: two confirmations at once write one row.
      const claimed = await manager.update(
        AssistantActionRecord,
        { id: action.id, usedAt: IsNull() },
        { usedAt: this.now() },
      );
      if (claimed.affected === 0) throw badInput('id', 'This was already confirmed');
      const draft = JSON.parse(action.draft) as TransactionDraft;
      const { written } = await this.deps.transactions.record(scope, [draft], { manager });
      await manager.update(
        AssistantActionRecord,
        { id: action.id },
        { transactionId: written[0].id },
      );
      return written[0];
    });
  }

  /**
   * One of the caller's actions in this ledger, with the transaction it wrote once confirmed
   * (null while proposed, expired, or when that transaction has since been deleted).
   */
  async action(
    scope: LedgerScope,
    id: unknown,
  ): Promise<{ id: string; description: string; transaction: Transaction | null }> {
    const actionId = typeof id === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(id) ? id : null;
    const action = actionId
      ? await this.dataSource.manager.findOne(AssistantActionRecord, {
          where: { id: actionId, userId: scope.user.id, ledgerId: scope.ledgerId },
        })
      : null;
    if (!action) throw new AppError('NOT_FOUND', 'No such assistant action', 'id');
    const [transaction] =
      action.transactionId === null
        ? []
        : await this.deps.transactionQueries.byIds(scope.ledgerId, [action.transactionId]);
    return { id: action.id, description: action.description, transaction: transaction ?? null };
  }

  private async context(scope: LedgerScope): Promise<AssistantContext> {
    const [today, categories, accounts] = await Promise.all([
      this.deps.bills.today(scope.user.id, this.now()),
      this.deps.categories.list(scope.ledgerId),
      this.deps.accounts.list(scope.ledgerId),
    ]);
    return {
      today,
      categories: categories.map((c) => c.name),
      accounts: accounts.filter((a) => !a.archived).map((a) => ({ name: a.name, type: a.type })),
    };
  }

  /** In the reporting currency, which the named reads total in. */
  private money(minor: bigint, scope: LedgerScope): string {
    const currency = scope.user.currency;
    return `${fromMinor(minor, currencyDigits(currency))} ${currency}`;
  }

  private async propose(
    scope: LedgerScope,
    parsed: Extract<Parsed, { intent: 'log_expense' | 'log_income' | 'transfer' }>,
    context: AssistantContext,
  ): Promise<AssistantAnswer> {
    requireAccess(scope, 'write');
    const accounts = await this.deps.accounts.list(scope.ledgerId);
    const idOf = (name: string | null) => accounts.find((a) => a.name === name)?.id;
    const draft: TransactionDraft = {
      kind:
        parsed.intent === 'log_expense'
          ? TransactionKind.EXPENSE
          : parsed.intent === 'log_income'
            ? TransactionKind.INCOME
            : TransactionKind.TRANSFER,
      description: parsed.description,
      amount: parsed.amount,
      date: parsed.date,
    };
    if (parsed.currency) draft.currency = parsed.currency;
    let summary: string;
    // Shown as the ledger will book it: in the written currency, else the account's.
    const account =
      accounts.find(
        (a) => a.name === (parsed.intent === 'transfer' ? parsed.from : parsed.account),
      ) ?? accounts.find((a) => !a.archived);
    const currency = parsed.currency ?? account?.currency ?? scope.user.currency;
    const minor = toMinor(parsed.amount, currencyDigits(currency));
    const amount = `${minor.ok ? fromMinor(minor.minor, currencyDigits(currency)) : parsed.amount} ${currency}`;
    if (parsed.intent === 'transfer') {
      const to = idOf(parsed.to);
      if (to === undefined) {
        const names = context.accounts.map((a) => a.name).join(', ');
        return {
          text: `Which account should ${amount} go to? Your accounts: ${names}.`,
          intent: 'transfer',
          action: null,
        };
      }
      draft.toAccountId = to;
      const from = idOf(parsed.from);
      if (from !== undefined) draft.accountId = from;
      summary = `Transfer ${amount}${parsed.from ? ` from ${parsed.from}` : ''} to ${parsed.to} on ${parsed.date}`;
    } else if (parsed.intent === 'log_income') {
      const into = idOf(parsed.account);
      if (into !== undefined) draft.accountId = into;
      summary = `Income ${amount}: ${parsed.description} on ${parsed.date}${parsed.account ? `, into ${parsed.account}` : ''}`;
    } else {
      const from = idOf(parsed.account);
      if (from !== undefined) draft.accountId = from;
      draft.category = parsed.category ?? undefined;
      draft.payee = parsed.payee ?? undefined;
      // The category rules and payee history pick one when the words named none.
      draft.mayOmitCategory = parsed.category === null;
      summary =
        `Expense ${amount}: ${parsed.description}` +
        `${parsed.payee ? ` at ${parsed.payee}` : ''}` +
        `${parsed.category ? ` (${parsed.category})` : ''} on ${parsed.date}` +
        `${parsed.account ? `, from ${parsed.account}` : ''}`;
    }
    const now = this.now();
    const action = Object.assign(new AssistantActionRecord(), {
      id: randomBytes(18).toString('base64url'),
      userId: scope.user.id,
      ledgerId: scope.ledgerId,
      draft: JSON.stringify(draft),
      description: summary.slice(0, 300),
      expiresAt: new Date(now.getTime() + ACTION_MINUTES * 60_000),
      usedAt: null,
      createdAt: now,
    });
    await this.dataSource.manager.insert(AssistantActionRecord, action);
    return {
      text: `Shall I record this? ${summary}.`,
      intent: parsed.intent,
      action: { id: action.id, description: summary },
    };
  }

  private async spending(
    scope: LedgerScope,
    parsed: Extract<Parsed, { intent: 'spending' }>,
  ): Promise<AssistantAnswer> {
    const category = parsed.category
      ? await this.deps.categories.findByName(scope.ledgerId, parsed.category)
      : null;
    const spent = await this.deps.ledgerTotals.spentBetween(
      scope.ledgerId,
      parsed.period.from,
      parsed.period.to,
      { categoryId: category?.id, payee: parsed.payee ?? undefined },
    );
    const what = category ? ` on ${category.name}` : parsed.payee ? ` at ${parsed.payee}` : '';
    return {
      text: `You spent ${this.money(spent, scope)}${what} ${parsed.period.label} (${parsed.period.from} to ${parsed.period.to}).`,
      intent: 'spending',
      action: null,
    };
  }

  private async biggest(
    scope: LedgerScope,
    period: { from: string; to: string; label: string },
  ): Promise<AssistantAnswer> {
    const months: string[] = [];
    for (let m = period.from.slice(0, 7); m <= period.to.slice(0, 7);) {
      months.push(m);
      const [y, mo] = m.split('-').map(Number);
      m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    }
    const totals = new Map<string, bigint>();
    for (const month of months.slice(-24)) {
      for (const row of await this.deps.ledgerTotals.spendingByCategory(scope.ledgerId, month)) {
        totals.set(row.category.name, (totals.get(row.category.name) ?? 0n) + row.spentMinor);
      }
    }
    const ranked = [...totals].sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1));
    if (ranked.length === 0) {
      return {
        text: `No spending recorded ${period.label}.`,
        intent: 'biggest_category',
        action: null,
      };
    }
    const [name, spent] = ranked[0];
    const next = ranked
      .slice(1, 3)
      .map(([n, s]) => `${n} ${this.money(s, scope)}`)
      .join(', ');
    return {
      text: `Your biggest category ${period.label} is ${name}: ${this.money(spent, scope)}.${next ? ` Then ${next}.` : ''}`,
      intent: 'biggest_category',
      action: null,
    };
  }

  private async budget(scope: LedgerScope, today: string): Promise<AssistantAnswer> {
    const month = today.slice(0, 7);
    const targets = await this.deps.budgets.listTargets(scope.ledgerId, month);
    if (targets.length === 0) {
      return {
        text: `You have no budget targets for ${month} yet.`,
        intent: 'budget_status',
        action: null,
      };
    }
    const over = targets.filter((t) => t.spentMinor > BigInt(t.target.targetAmountMinor));
    const lines = over.map(
      (t) =>
        `${t.target.category.name} (${this.money(t.spentMinor, scope)} of ${this.money(BigInt(t.target.targetAmountMinor), scope)})`,
    );
    return {
      text:
        over.length === 0
          ? `You are within budget in all ${targets.length} categories for ${month}.`
          : `You are over budget in ${over.length} of ${targets.length} categories for ${month}: ${lines.join(', ')}.`,
      intent: 'budget_status',
      action: null,
    };
  }

  private async balance(scope: LedgerScope, name: string | null): Promise<AssistantAnswer> {
    const [accounts, balances] = await Promise.all([
      this.deps.accounts.list(scope.ledgerId),
      this.deps.accounts.balances(scope.ledgerId),
    ]);
    const shown = accounts.filter((a) => !a.archived && (name === null || a.name === name));
    const lines = shown.map(
      (a) =>
        `${a.name}: ${fromMinor(balances.get(a.id) ?? 0n, currencyDigits(a.currency))} ${a.currency}`,
    );
    return {
      text: lines.length ? `${lines.join('; ')}.` : 'You have no open accounts.',
      intent: 'balance',
      action: null,
    };
  }

  private async billDue(scope: LedgerScope, subject: string | null): Promise<AssistantAnswer> {
    const bills = await this.deps.bills.upcoming(scope, 366, this.now());
    const matching = subject
      ? bills.filter(
          (b) =>
            bestMatch(subject, [{ value: true, terms: nameTerms(b.rule.name) }]) !== null ||
            b.rule.name.toLowerCase().includes(subject) ||
            bestMatch(b.rule.name, [{ value: true, terms: [subject] }]) !== null,
        )
      : bills;
    const next = matching[0];
    if (!next) {
      return {
        text: subject
          ? `I found no upcoming bill for "${subject}" among your recurring payments.`
          : 'No bills are due in the coming year.',
        intent: 'bill_due',
        action: null,
      };
    }
    const amount = `${fromMinor(BigInt(next.amountMinor), currencyDigits(next.rule.currency))} ${next.rule.currency}`;
    return {
      text: `${next.rule.name} (${amount}) is ${next.overdue ? 'overdue since' : 'due on'} ${next.date}.`,
      intent: 'bill_due',
      action: null,
    };
  }

  /** Advice from the ledger's own numbers: the savings rate and where the money went. */
  private async advice(scope: LedgerScope, today: string): Promise<AssistantAnswer> {
    const month = today.slice(0, 7);
    const flows = await this.deps.ledgerTotals.monthFlows(scope.ledgerId, month, 3);
    const spent = flows.reduce((sum, f) => sum + f.spentMinor, 0n);
    const income = flows.reduce((sum, f) => sum + f.incomeMinor, 0n);
    const top = (await this.deps.ledgerTotals.spendingByCategory(scope.ledgerId, month)).slice(
      0,
      2,
    );
    const parts: string[] = [];
    if (income > 0n) {
      const rate = Number(((income - spent) * 1000n) / income) / 10;
      parts.push(
        `Over the last 3 months you earned ${this.money(income, scope)} and spent ${this.money(spent, scope)}: a savings rate of ${rate} %.`,
      );
      if (rate < 20)
        parts.push('Aiming for 20 % means spending less or moving money to savings on payday.');
    } else {
      parts.push(
        `Over the last 3 months you spent ${this.money(spent, scope)} and recorded no income.`,
      );
    }
    if (top.length) {
      parts.push(
        `This month most goes to ${top.map((t) => `${t.category.name} (${this.money(t.spentMinor, scope)})`).join(' and ')}: a budget target there saves the most.`,
      );
    }
    return { text: parts.join(' '), intent: 'advice', action: null };
  }
}
