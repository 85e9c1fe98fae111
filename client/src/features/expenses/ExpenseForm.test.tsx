import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, USER } from '../../../test/render';
import { CategoriesDocument, ExpensesDocument } from '../../graphql/graphql';
import { today } from '../../lib/dates';
import { ExpenseForm } from './ExpenseForm';

const categories = {
  request: { query: CategoriesDocument },
  result: {
    data: {
      categories: [
        { __typename: 'Category', id: '1', name: 'Food' },
        { __typename: 'Category', id: '2', name: 'Rent' },
      ],
    },
  },
};

test("is the original's add form: fields, action, today's date, the user's categories", async () => {
  const { container } = renderPage(
    <ExpenseForm action="/add_expense" submitLabel="Add expense" onSave={jest.fn()} />,
    { mocks: [categories] },
  );
  const form = container.querySelector('form') as HTMLFormElement;
  expect(form).toHaveAttribute('action', '/add_expense');
  expect(form).toHaveAttribute('method', 'post');
  expect(screen.getByLabelText('Description')).toHaveAttribute('name', 'description');
  expect(screen.getByLabelText('Amount (USD)')).toHaveAttribute('name', 'amount');
  expect(screen.getByLabelText('Category')).toHaveAttribute('name', 'category');
  expect(screen.getByLabelText('Date')).toHaveValue(today());
  await waitFor(() =>
    expect(
      [...container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value')),
    ).toEqual(['Food', 'Rent']),
  );
});

test('sends the amount as a decimal string, never a number', async () => {
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(<ExpenseForm submitLabel="Add expense" onSave={onSave} />, { mocks: [categories] });
  await userEvent.type(screen.getByLabelText('Description'), ' Groceries ');
  await userEvent.type(screen.getByLabelText('Amount (USD)'), '150.50');
  await userEvent.type(screen.getByLabelText('Category'), 'Food');
  await userEvent.clear(screen.getByLabelText('Date'));
  await userEvent.type(screen.getByLabelText('Date'), '2024-03-10');
  await userEvent.click(screen.getByRole('button', { name: 'Add expense' }));
  expect(onSave).toHaveBeenCalledWith(
    {
      description: 'Groceries',
      amount: '150.50',
      category: 'Food',
      date: '2024-03-10',
    },
    'save',
  );
});

test.each([
  ['', 'Enter an amount'],
  ['12.5.0', 'Enter an amount such as 150.50'],
  [
    '3.000',
    '"3.000" is ambiguous: type 3000 if you mean 3000 USD; for decimals use "." and at most 2',
  ],
  ['1.2345', 'Use at most 2 decimals'],
  ['0', 'Enter an amount greater than 0'],
])('amount %p: %s', async (amount, message) => {
  const onSave = jest.fn();
  renderPage(<ExpenseForm submitLabel="Add expense" onSave={onSave} />, { mocks: [categories] });
  if (amount) await userEvent.type(screen.getByLabelText('Amount (USD)'), amount);
  await userEvent.click(screen.getByRole('button', { name: 'Add expense' }));
  expect(screen.getByLabelText('Amount (USD)')).toHaveAccessibleDescription(message);
  expect(screen.getByLabelText('Amount (USD)')).toHaveAttribute('aria-invalid', 'true');
  expect(screen.getByLabelText('Description')).toHaveAccessibleDescription('Describe the expense');
  expect(onSave).not.toHaveBeenCalled();
});

test('a yen account takes whole amounts only', async () => {
  const onSave = jest.fn();
  renderPage(<ExpenseForm submitLabel="Save" onSave={onSave} />, {
    mocks: [categories],
    user: { ...USER, currency: 'JPY' },
  });
  await userEvent.type(screen.getByLabelText('Amount (JPY)'), '150.5');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(screen.getByLabelText('Amount (JPY)')).toHaveAccessibleDescription(
    'JPY amounts have no decimals',
  );
});

test('editing starts from the expense', () => {
  renderPage(
    <ExpenseForm
      submitLabel="Save changes"
      onSave={jest.fn()}
      initial={{ description: 'Coffee', amount: '4.25', category: 'Food', date: '2024-03-01' }}
    />,
    { mocks: [categories] },
  );
  expect(screen.getByLabelText('Description')).toHaveValue('Coffee');
  expect(screen.getByLabelText('Amount (USD)')).toHaveValue('4.25');
  expect(screen.getByLabelText('Category')).toHaveValue('Food');
  expect(screen.getByLabelText('Date')).toHaveValue('2024-03-01');
});

test('the first field has the focus when the form opens', () => {
  renderPage(<ExpenseForm submitLabel="Add expense" onSave={jest.fn()} />, { mocks: [categories] });
  expect(screen.getByLabelText('Description')).toHaveFocus();
});

test('an amount typed the way people write it is sent as the canonical decimal', async () => {
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(<ExpenseForm submitLabel="Add expense" onSave={onSave} />, { mocks: [categories] });
  await userEvent.type(screen.getByLabelText('Description'), 'Rent');
  await userEvent.type(screen.getByLabelText('Amount (USD)'), '$1,200');
  await userEvent.type(screen.getByLabelText('Category'), 'Rent');
  await userEvent.click(screen.getByRole('button', { name: 'Add expense' }));
  expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ amount: '1200.00' }), 'save');
});

test('"Save and add another" keeps date and category, clears the rest, and says what was saved', async () => {
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(
    <ExpenseForm
      submitLabel="Add expense"
      addAnotherLabel="Save and add another"
      onSave={onSave}
    />,
    { mocks: [categories] },
  );
  await userEvent.type(screen.getByLabelText('Description'), 'Coffee');
  await userEvent.type(screen.getByLabelText('Amount (USD)'), '4.5');
  await userEvent.type(screen.getByLabelText('Category'), 'Food');
  await userEvent.clear(screen.getByLabelText('Date'));
  await userEvent.type(screen.getByLabelText('Date'), '2024-03-10');
  await userEvent.click(screen.getByRole('button', { name: 'Save and add another' }));
  expect(onSave).toHaveBeenCalledWith(
    { description: 'Coffee', amount: '4.50', category: 'Food', date: '2024-03-10' },
    'another',
  );
  expect(await screen.findByText(/^Saved “Coffee”, \$4\.50 on/)).toHaveTextContent(
    'Add the next one.',
  );
  expect(screen.getByLabelText('Description')).toHaveValue('');
  expect(screen.getByLabelText('Description')).toHaveFocus();
  expect(screen.getByLabelText('Amount (USD)')).toHaveValue('');
  expect(screen.getByLabelText('Category')).toHaveValue('Food');
  expect(screen.getByLabelText('Date')).toHaveValue('2024-03-10');
});

test('a date more than a year ahead is a warning, not a refusal', async () => {
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(<ExpenseForm submitLabel="Add expense" onSave={onSave} />, { mocks: [categories] });
  const nextYear = String(new Date().getFullYear() + 2);
  await userEvent.type(screen.getByLabelText('Description'), 'Deposit');
  await userEvent.type(screen.getByLabelText('Amount (USD)'), '10');
  await userEvent.type(screen.getByLabelText('Category'), 'Rent');
  await userEvent.clear(screen.getByLabelText('Date'));
  await userEvent.type(screen.getByLabelText('Date'), `${nextYear}-01-15`);
  expect(screen.getByLabelText('Date')).toHaveAccessibleDescription(
    'This date is more than a year ahead. Check the year before saving.',
  );
  await userEvent.click(screen.getByRole('button', { name: 'Add expense' }));
  expect(onSave).toHaveBeenCalledWith(
    expect.objectContaining({ date: `${nextYear}-01-15` }),
    'save',
  );
});

test("an amount far above the category's usual is a warning, read from its recent expenses", async () => {
  const recent = ['4.50', '3.80', '5.00', '4.20'].map((amount, i) => ({
    __typename: 'Expense' as const,
    id: String(i + 1),
    description: 'Coffee',
    amount,
    currency: 'USD',
    reportingAmount: amount,
    date: '2024-03-01',
    account: { __typename: 'Account' as const, id: '1', name: 'Main account', currency: 'USD' },
    category: { __typename: 'Category' as const, id: '1', name: 'Food' },
  }));
  const foodExpenses = {
    request: { query: ExpensesDocument, variables: { filter: { category: 'Food' }, first: 20 } },
    result: {
      data: {
        expenses: {
          __typename: 'ExpenseConnection' as const,
          nodes: recent,
          totalCount: 4,
          pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null },
        },
      },
    },
  };
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(<ExpenseForm submitLabel="Add expense" onSave={onSave} />, {
    mocks: [categories, foodExpenses],
  });
  await userEvent.type(screen.getByLabelText('Category'), 'Food');
  await userEvent.tab();
  // Three times the median (4.35) is 13.05: 13 is still usual, 130 is not.
  await userEvent.type(screen.getByLabelText('Amount (USD)'), '13');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen.getByLabelText('Amount (USD)')).toHaveAccessibleDescription('');
  await userEvent.type(screen.getByLabelText('Amount (USD)'), '0');
  await waitFor(() =>
    expect(screen.getByLabelText('Amount (USD)')).toHaveAccessibleDescription(
      'That is more than 3 times your usual Food expense ($4.35). Check the amount before saving.',
    ),
  );
  await userEvent.type(screen.getByLabelText('Description'), 'Espresso machine');
  await userEvent.click(screen.getByRole('button', { name: 'Add expense' }));
  expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ amount: '130.00' }), 'save');
});
