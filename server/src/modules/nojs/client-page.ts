import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';
import { currencyDigits } from '../../lib/currencies';
import { currentMonth, isMonth } from '../../lib/dates';
import { fromMinor } from '../../lib/money';
import { FLASH_COOKIE, type FlashKind } from '../../http/forms';
import { log } from '../../log';
import type { Services } from '../../services';
import { authenticateSession } from '../auth/request-auth';
import { TransactionKind } from '../ledger/transaction.entity';
import { escapeHtml } from './html';
import { renderNoScript, type NoScriptView } from './nojs-page';

const NOSCRIPT = /<noscript>[\s\S]*<\/noscript>/;
const RECENT_EXPENSES = 20;

function readFlash(req: Request): NoScriptView['flash'] {
  const raw = parse(req.get('cookie') ?? '')[FLASH_COOKIE];
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { kind?: FlashKind; message?: unknown };
    if ((value.kind === 'success' || value.kind === 'error') && typeof value.message === 'string') {
      return { kind: value.kind, message: value.message };
    }
  } catch {
    // A malformed cookie carries nothing worth showing.
  }
  return null;
}

async function monthView(req: Request, services: Services): Promise<NoScriptView['signedIn']> {
  const caller = await authenticateSession(req, services);
  if (!caller) return null;
  const { user } = caller;
  const { ledgerId } = await services.ledgers.resolve(user, null);
  const asked = typeof req.query.month === 'string' ? req.query.month : '';
  const month = isMonth(asked) ? asked : currentMonth();
  const [byCategory, [flows], budgets, expenses] = await Promise.all([
    services.ledgerTotals.spendingByCategory(ledgerId, month),
    services.ledgerTotals.monthFlows(ledgerId, month, 1),
    services.budgets.forMonths(ledgerId, [month]),
    services.transactionQueries.recent(ledgerId, TransactionKind.EXPENSE, RECENT_EXPENSES, month),
  ]);
  const digits = currencyDigits(user.currency);
  const show = (minor: bigint) => `${fromMinor(minor, digits)} ${user.currency}`;
  const spent = byCategory.reduce((sum, row) => sum + row.spentMinor, 0n);
  const budget = budgets.get(month);
  return {
    name: `${user.firstname} ${user.lastname}`,
    month,
    spent: show(spent),
    income: show(flows.incomeMinor),
    budget: budget === undefined ? null : show(BigInt(budget)),
    savings: budget === undefined ? null : show(BigInt(budget) - spent),
    expenses: expenses.map((e) => ({
      date: e.date,
      description: e.description,
      category: e.category?.name ?? '',
      amount: `${fromMinor(BigInt(e.amountMinor), currencyDigits(e.currency))} ${e.currency}`,
    })),
  };
}

/**
 * The web client's index.html for one request. For browsers without JavaScript its <noscript>
 * block is rendered here (the flash of the last form post, and the signed-in user's month); the
 * flash moves from its cookie into the page (a <meta> the client reads), so that it shows once
 * whether or not scripts run. Per user, so never cached by a shared cache.
 */
export async function renderClientPage(
  template: string,
  req: Request,
  res: Response,
  services: Services,
): Promise<string> {
  const flash = readFlash(req);
  if (req.get('cookie')?.includes(`${FLASH_COOKIE}=`)) {
    res.append(
      'Set-Cookie',
      serialize(FLASH_COOKIE, '', { path: '/', sameSite: 'lax', secure: req.secure, maxAge: 0 }),
    );
  }
  let signedIn: NoScriptView['signedIn'] = null;
  try {
    signedIn = await monthView(req, services);
  } catch (error) {
    // The page still serves (the app shows its own error once it runs); only the summary is missing.
    log('warn', 'No-script summary unavailable', { error });
  }
  res.set('Cache-Control', 'private, no-cache');
  let html = template.replace(
    NOSCRIPT,
    () => `<noscript>${renderNoScript({ flash, signedIn })}</noscript>`,
  );
  if (flash) {
    html = html.replace(
      '</head>',
      () => `<meta name="flash" content="${escapeHtml(JSON.stringify(flash))}" />\n</head>`,
    );
  }
  return html;
}
