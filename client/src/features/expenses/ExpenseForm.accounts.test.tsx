import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../../test/render';
import { CategoriesDocument, SetExchangeRateDocument } from '../../graphql/graphql';
import type { Account } from '../accounts/useAccounts';
import { ExpenseForm } from './ExpenseForm';

const categories = {
  request: { query: CategoriesDocument },
  result: { data: { categories: [{ __typename: 'Category', id: '1', name: 'Food' }] } },
};

function account(id: string, name: string, currency: string): Account {
  return {
    __typename: 'Account',
    id,
    name,
    currency,
    type: 'CHECKING',
    openingBalance: '0',
    balance: '0',
    value: '0',
    archived: false,
  } as Account;
}

const MAIN = account('1', 'Main account', 'USD');
const TRAVEL = account('2', 'Travel card', 'EUR');

async function fillExpense(amount: string) {
  await userEvent.type(screen.getByLabelText('Description'), 'Museum');
  await userEvent.type(screen.getByLabelText(/^Amount/), amount);
  await userEvent.type(screen.getByLabelText('Category'), 'Food');
  await userEvent.clear(screen.getByLabelText('Date'));
  await userEvent.type(screen.getByLabelText('Date'), '2024-05-03');
}

test('the account select offers the open accounts, the first chosen; the currency follows it', async () => {
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(<ExpenseForm accounts={[MAIN, TRAVEL]} submitLabel="Add" onSave={onSave} />, {
    mocks: [categories],
  });
  const accountSelect = screen.getByLabelText('Account');
  expect([...(accountSelect as HTMLSelectElement).options].map((o) => o.text)).toEqual([
    'Main account (USD)',
    'Travel card (EUR)',
  ]);
  expect(accountSelect).toHaveValue('1');
  expect(screen.getByLabelText('Currency')).toHaveValue('USD');
  await userEvent.selectOptions(accountSelect, '2');
  expect(screen.getByLabelText('Currency')).toHaveValue('EUR');
  await fillExpense('12,5');
  await userEvent.click(screen.getByRole('button', { name: 'Add' }));
  expect(onSave).toHaveBeenCalledWith(
    {
      description: 'Museum',
      amount: '12.50',
      category: 'Food',
      date: '2024-05-03',
      accountId: '2',
      currency: 'EUR',
    },
    'save',
  );
});

test('one account is no choice: no account select, and the expense goes to it', async () => {
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(<ExpenseForm accounts={[TRAVEL]} submitLabel="Add" onSave={onSave} />, {
    mocks: [categories],
  });
  expect(screen.queryByLabelText('Account')).toBeNull();
  expect(screen.getByLabelText('Currency')).toHaveValue('EUR');
  await fillExpense('12');
  await userEvent.click(screen.getByRole('button', { name: 'Add' }));
  expect(onSave).toHaveBeenCalledWith(
    expect.objectContaining({ accountId: '2', currency: 'EUR', amount: '12.00' }),
    'save',
  );
});

test("the amount's digits follow the chosen currency, not the account's", async () => {
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(<ExpenseForm accounts={[MAIN, TRAVEL]} submitLabel="Add" onSave={onSave} />, {
    mocks: [categories],
  });
  await userEvent.selectOptions(screen.getByLabelText('Currency'), 'JPY');
  await fillExpense('1500.5');
  await userEvent.click(screen.getByRole('button', { name: 'Add' }));
  expect(screen.getByLabelText('Amount (JPY)')).toHaveAccessibleDescription(
    'JPY amounts have no decimals',
  );
  expect(onSave).not.toHaveBeenCalled();
  await userEvent.selectOptions(screen.getByLabelText('Currency'), 'BHD');
  await userEvent.clear(screen.getByLabelText('Amount (BHD)'));
  await userEvent.type(screen.getByLabelText('Amount (BHD)'), '1.255');
  await userEvent.click(screen.getByRole('button', { name: 'Add' }));
  expect(onSave).toHaveBeenCalledWith(
    expect.objectContaining({ accountId: '1', currency: 'BHD', amount: '1.255' }),
    'save',
  );
});

test('editing keeps the account and currency of the expense', async () => {
  const onSave = jest.fn().mockResolvedValue(undefined);
  renderPage(
    <ExpenseForm
      accounts={[MAIN, TRAVEL]}
      submitLabel="Save changes"
      onSave={onSave}
      initial={{
        description: 'Tea',
        amount: '3.20',
        category: 'Food',
        date: '2024-03-01',
        accountId: '2',
        currency: 'GBP',
      }}
    />,
    { mocks: [categories] },
  );
  expect(screen.getByLabelText('Account')).toHaveValue('2');
  expect(screen.getByLabelText('Currency')).toHaveValue('GBP');
  expect(screen.getByLabelText('Amount (GBP)')).toHaveValue('3.20');
  await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(onSave).toHaveBeenCalledWith(
    {
      description: 'Tea',
      amount: '3.20',
      category: 'Food',
      date: '2024-03-01',
      accountId: '2',
      currency: 'GBP',
    },
    'save',
  );
});

test('after a save in another currency, its reporting value shows under the amount', async () => {
  const onSave = jest
    .fn()
    .mockResolvedValue({ amount: '12.00', currency: 'EUR', reportingAmount: '13.08' });
  renderPage(
    <ExpenseForm
      accounts={[MAIN, TRAVEL]}
      submitLabel="Add"
      addAnotherLabel="Save and add another"
      onSave={onSave}
    />,
    { mocks: [categories] },
  );
  await userEvent.selectOptions(screen.getByLabelText('Currency'), 'EUR');
  await fillExpense('12');
  await userEvent.click(screen.getByRole('button', { name: 'Save and add another' }));
  expect(await screen.findByText(/is booked as/)).toHaveTextContent(
    '€12.00 is booked as $13.08 in your reporting currency.',
  );
  expect(screen.getByText(/^Saved “Museum”/)).toHaveTextContent(
    'Saved “Museum”, €12.00 ($13.08) on',
  );
});

test('a refused save for a missing rate offers the rate there, saves it, and saves again', async () => {
  const refusal = new CombinedGraphQLErrors({
    errors: [
      {
        message: 'No EUR->USD exchange rate on or before 2024-05-03; enter one first',
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'currency',
          from: 'EUR',
          to: 'USD',
          date: '2024-05-03',
        },
      },
    ],
  });
  const onSave = jest
    .fn()
    .mockRejectedValueOnce(refusal)
    .mockResolvedValueOnce({ amount: '12.00', currency: 'EUR', reportingAmount: '13.08' });
  const rateSaved = jest.fn(() => ({
    data: {
      setExchangeRate: {
        __typename: 'ExchangeRate',
        from: 'EUR',
        to: 'USD',
        date: '2024-05-03',
        rate: '1.09',
        source: 'MANUAL',
      },
    },
  }));
  const setRate = {
    request: {
      query: SetExchangeRateDocument,
      variables: { input: { from: 'EUR', to: 'USD', date: '2024-05-03', rate: '1.09' } },
    },
    result: rateSaved,
  };
  renderPage(
    <ExpenseForm
      accounts={[MAIN, TRAVEL]}
      submitLabel="Add"
      addAnotherLabel="Save and add another"
      onSave={onSave}
    />,
    { mocks: [categories, setRate] },
  );
  await userEvent.selectOptions(screen.getByLabelText('Currency'), 'EUR');
  await fillExpense('12');
  await userEvent.click(screen.getByRole('button', { name: 'Save and add another' }));

  const group = await screen.findByRole('group', { name: 'Exchange rate needed' });
  expect(group).toHaveTextContent('No EUR->USD exchange rate on or before 2024-05-03');
  const rate = screen.getByLabelText('1 EUR = how many USD on 2024-05-03');
  expect(rate).toHaveFocus();
  // Nothing the user typed is lost while the rate is asked for.
  expect(screen.getByLabelText('Description')).toHaveValue('Museum');
  expect(screen.getByLabelText('Amount (EUR)')).toHaveValue('12');
  expect(screen.getByLabelText('Currency')).toHaveValue('EUR');

  // Not a rate: refused beside it, nothing stored.
  await userEvent.type(rate, '0');
  await userEvent.click(screen.getByRole('button', { name: 'Save rate and retry' }));
  expect(rate).toHaveAccessibleDescription(/Enter a positive number such as 1\.0825/);
  expect(rateSaved).not.toHaveBeenCalled();

  // A comma typed for the decimal is the same rate; Enter saves the rate, not the expense.
  await userEvent.clear(rate);
  await userEvent.type(rate, '1,09{Enter}');
  await waitFor(() => expect(onSave).toHaveBeenCalledTimes(2));
  expect(rateSaved).toHaveBeenCalledTimes(1);
  const sent = {
    description: 'Museum',
    amount: '12.00',
    category: 'Food',
    date: '2024-05-03',
    accountId: '1',
    currency: 'EUR',
  };
  expect(onSave).toHaveBeenNthCalledWith(1, sent, 'another');
  // The retry is the same save the user asked for, with the same intent.
  expect(onSave).toHaveBeenNthCalledWith(2, sent, 'another');
  expect(await screen.findByText(/is booked as/)).toHaveTextContent('€12.00 is booked as $13.08');
  expect(screen.queryByRole('group', { name: 'Exchange rate needed' })).toBeNull();
});
