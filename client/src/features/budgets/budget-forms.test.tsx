import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../../test/render';
import { SetBudgetCategoryDocument, SetMonthlyBudgetDocument } from '../../graphql/graphql';
import { MonthlyBudgetForm } from './MonthlyBudgetForm';
import { TargetForm } from './TargetForm';

test("the budget form is the original's POST /Setbudget (amount, month)", () => {
  const { container } = renderPage(<MonthlyBudgetForm month="2024-03" />);
  expect(container.querySelector('form')).toHaveAttribute('action', '/Setbudget');
  expect(screen.getByLabelText('Budget (USD)')).toHaveAttribute('name', 'amount');
  expect(screen.getByLabelText('For the month')).toHaveAttribute('name', 'month');
  expect(screen.getByLabelText('For the month')).toHaveValue('2024-03');
});

test('sets the budget with the amount as typed; zero is allowed', async () => {
  const onSaved = jest.fn();
  renderPage(<MonthlyBudgetForm month="2024-02" onSaved={onSaved} />, {
    mocks: [
      {
        request: { query: SetMonthlyBudgetDocument, variables: { month: '2024-03', amount: '0' } },
        result: {
          data: {
            setMonthlyBudget: { __typename: 'Budget', id: '1', month: '2024-03', amount: '0.00' },
          },
        },
      },
    ],
  });
  await userEvent.type(screen.getByLabelText('Budget (USD)'), '0');
  const month = screen.getByLabelText('For the month');
  await userEvent.clear(month);
  await userEvent.type(month, '2024-03');
  await userEvent.click(screen.getByRole('button', { name: 'Set budget' }));
  // Saved for another month than the one shown: the page is told to move there.
  await waitFor(() => expect(onSaved).toHaveBeenCalledWith('2024-03'));
  expect(screen.getByTestId('flash')).toHaveTextContent('Budget set successfully!');
});

test('a budget amount must be a plain decimal', async () => {
  renderPage(<MonthlyBudgetForm month="2024-03" />);
  await userEvent.type(screen.getByLabelText('Budget (USD)'), '1e3');
  await userEvent.click(screen.getByRole('button', { name: 'Set budget' }));
  expect(screen.getByLabelText('Budget (USD)')).toHaveAccessibleDescription(
    'Enter an amount such as 150.50 (digits, with a dot for cents)',
  );
});

test("the target form is the original's POST /budget_categories", async () => {
  const { container } = renderPage(<TargetForm month="2024-03" categories={[]} />, {
    mocks: [
      {
        request: {
          query: SetBudgetCategoryDocument,
          variables: { input: { category: 'Food', targetAmount: '200.5', targetMonth: '2024-03' } },
        },
        result: {
          data: {
            setBudgetCategory: {
              __typename: 'BudgetCategory',
              id: '1',
              targetMonth: '2024-03',
              targetAmount: '200.50',
              spent: '0.00',
              remaining: '200.50',
              category: { __typename: 'Category', id: '1', name: 'Food' },
            },
          },
        },
      },
    ],
  });
  expect(container.querySelector('form')).toHaveAttribute('action', '/budget_categories');
  const names = [...container.querySelectorAll('input')].map((e) => e.getAttribute('name'));
  expect(names).toEqual(['category', 'target_amount', 'target_date']);
  await userEvent.click(screen.getByRole('button', { name: 'Set target' }));
  expect(screen.getByLabelText('Category')).toHaveAccessibleDescription(
    expect.stringContaining('Choose or type a category'),
  );
  expect(screen.getByLabelText('Target (USD)')).toHaveAccessibleDescription('Enter an amount');
  await userEvent.type(screen.getByLabelText('Category'), 'Food');
  await userEvent.type(screen.getByLabelText('Target (USD)'), '200.5');
  await userEvent.click(screen.getByRole('button', { name: 'Set target' }));
  expect(await screen.findByTestId('flash')).toHaveTextContent('Budget category set successfully!');
});
