import { card, escapeHtml, field, form } from './html';

/**
 * What a browser without JavaScript sees inside <noscript>: the message of the last form post,
 * and once signed in the month's totals and expenses with the original app's forms; signed
 * out, the forms to log in, register and reset a password. Every value is escaped.
 */
export interface NoScriptView {
  /** On /reset_password/<token>: the token, for the form that sets the new password. */
  resetToken?: string;
  flash: { kind: 'success' | 'error'; message: string } | null;
  signedIn: null | {
    name: string;
    month: string;
    spent: string;
    income: string;
    budget: string | null;
    savings: string | null;
    expenses: { date: string; description: string; category: string; amount: string }[];
  };
}

const amountAttributes = 'inputmode="decimal" pattern="[0-9]+([.][0-9]+)?" required';

function summary(view: NonNullable<NoScriptView['signedIn']>): string {
  const rows = view.expenses
    .map(
      (e) =>
        `<tr><td>${escapeHtml(e.date)}</td><td>${escapeHtml(e.description)}</td>` +
        `<td>${escapeHtml(e.category)}</td><td class="amount">${escapeHtml(e.amount)}</td></tr>`,
    )
    .join('');
  const totals = [
    ['Spent', view.spent],
    ['Income', view.income],
    ['Budget', view.budget ?? 'not set'],
    ['Left', view.savings ?? '–'],
  ]
    .map(([label, value]) => `<div><dt>${label}</dt><dd>${escapeHtml(value)}</dd></div>`)
    .join('');
  return card(
    'ns-month',
    `${view.month} at a glance`,
    `<p>Signed in as ${escapeHtml(view.name)}. <a href="/logout">Log out</a></p>` +
      `<dl class="noscript-totals">${totals}</dl>` +
      (view.expenses.length === 0
        ? '<p>No expenses this month yet.</p>'
        : '<table><thead><tr><th>Date</th><th>Description</th><th>Category</th>' +
          `<th class="amount">Amount</th></tr></thead><tbody>${rows}</tbody></table>`) +
      `<p><a href="?month=${escapeHtml(previousMonth(view.month))}">Previous month</a></p>`,
    1,
  );
}

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

const signedInForms = () => [
  card(
    'ns-expense',
    'Add an expense',
    form('/add_expense', 'Add expense', [
      field('ns-expense-description', 'Description', 'description', 'maxlength="200" required'),
      field('ns-expense-amount', 'Amount', 'amount', amountAttributes),
      field('ns-expense-category', 'Category', 'category', 'required'),
      field('ns-expense-date', 'Date', 'date', 'type="date" required'),
    ]),
  ),
  card(
    'ns-budget',
    'Set a monthly budget',
    form('/Setbudget', 'Set budget', [
      field('ns-budget-amount', 'Amount', 'amount', amountAttributes),
      field('ns-budget-month', 'Month (YYYY-MM)', 'month', 'type="month" required'),
    ]),
  ),
  card(
    'ns-target',
    'Set a category target',
    form('/budget_categories', 'Set target', [
      field('ns-target-category', 'Category', 'category', 'required'),
      field('ns-target-amount', 'Target amount', 'target_amount', amountAttributes),
      field('ns-target-month', 'Month (YYYY-MM)', 'target_date', 'type="month" required'),
    ]),
  ),
];

const signedOutForms = () => [
  card(
    'ns-login',
    'Log in',
    form('/login', 'Log in', [
      field(
        'ns-login-username',
        'Username or email',
        'username',
        'autocomplete="username" required',
      ),
      field(
        'ns-login-password',
        'Password',
        'password',
        'type="password" autocomplete="current-password" required',
      ),
      field(
        'ns-login-otp',
        'Authenticator code (only with two-factor sign-in)',
        'otp',
        'inputmode="numeric" autocomplete="one-time-code"',
      ),
    ]),
    1,
  ),
  card(
    'ns-register',
    'Create an account',
    form('/register', 'Create account', [
      field(
        'ns-register-firstname',
        'First name',
        'firstname',
        'autocomplete="given-name" required',
      ),
      field('ns-register-lastname', 'Last name', 'lastname', 'autocomplete="family-name" required'),
      field('ns-register-email', 'Email', 'email', 'type="email" autocomplete="email" required'),
      field('ns-register-username', 'Username', 'username', 'autocomplete="username" required'),
      field(
        'ns-register-password',
        'Password (at least 8 characters)',
        'password',
        'type="password" autocomplete="new-password" minlength="8" required',
      ),
    ]),
  ),
  card(
    'ns-forgot',
    'Forgot your password?',
    form('/forgot_password', 'Send reset link', [
      field('ns-forgot-email', 'Email', 'email', 'type="email" autocomplete="email" required'),
    ]),
  ),
];

export function renderNoScript(view: NoScriptView): string {
  const flash = view.flash
    ? `<p class="flash flash-${view.flash.kind}" role="status">${escapeHtml(view.flash.message)}</p>`
    : '';
  const cards = view.signedIn ? [summary(view.signedIn), ...signedInForms()] : signedOutForms();
  return (
    '<main class="noscript">' +
    '<p class="brand brand-guest"><span class="brand-mark" aria-hidden="true">◎</span>Finance</p>' +
    flash +
    '<p class="noscript-note">JavaScript is turned off: these pages and forms still work. Turn it ' +
    'on for charts, accounts and the full app.</p>' +
    `<div class="noscript-grid">${cards.join('')}</div></main>`
  );
}
