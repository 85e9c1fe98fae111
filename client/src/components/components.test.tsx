import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserProvider } from '../app/session';
import { USER } from '../../test/render';
import { Money } from './Money';
import { MonthPicker } from './MonthPicker';

test("Money formats in the user's currency, marking negative amounts", () => {
  render(
    <UserProvider user={{ ...USER, currency: 'EUR' }}>
      <Money amount="1234.50" />
      <Money amount="-3.20" />
    </UserProvider>,
  );
  expect(screen.getByText(/1,234\.50/)).toHaveTextContent('€1,234.50');
  expect(screen.getByText(/3\.20/)).toHaveClass('money-negative');
});

test('MonthPicker steps across years and is labelled', async () => {
  const onChange = jest.fn();
  render(<MonthPicker month="2024-01" onChange={onChange} />);
  expect(screen.getByLabelText('Month')).toHaveValue('2024-01');
  await userEvent.click(screen.getByRole('button', { name: 'Previous month (December 2023)' }));
  expect(onChange).toHaveBeenLastCalledWith('2023-12');
  await userEvent.click(screen.getByRole('button', { name: 'Next month (February 2024)' }));
  expect(onChange).toHaveBeenLastCalledWith('2024-02');
});
