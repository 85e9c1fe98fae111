import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, USER } from '../../../test/render';
import { CategoriesDocument } from '../../graphql/graphql';
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

test('sends the amount exactly as typed, as a string', async () => {
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(<ExpenseForm submitLabel="Add expense" onSave={onSave} />, { mocks: [categories] });
  await userEvent.type(screen.getByLabelText('Description'), ' Groceries ');
  await userEvent.type(screen.getByLabelText('Amount (USD)'), '150.50');
  await userEvent.type(screen.getByLabelText('Category'), 'Food');
  await userEvent.clear(screen.getByLabelText('Date'));
  await userEvent.type(screen.getByLabelText('Date'), '2024-03-10');
  await userEvent.click(screen.getByRole('button', { name: 'Add expense' }));
  expect(onSave).toHaveBeenCalledWith({
    description: 'Groceries',
    amount: '150.50',
    category: 'Food',
    date: '2024-03-10',
  });
});

test.each([
  ['', 'Enter an amount'],
  ['12,50', 'Enter an amount such as 150.50 (digits, with a dot for cents)'],
  ['1.234', 'Use at most 2 decimals'],
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
