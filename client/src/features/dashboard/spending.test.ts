import { cumulativeSpending } from './spending';

test('adds the month up day by day, exactly, with an even budget pace', () => {
  const points = cumulativeSpending(
    '2024-02',
    [
      { amount: '0.10', date: '2024-02-01' },
      { amount: '0.20', date: '2024-02-01' },
      { amount: '10.00', date: '2024-02-03' },
      { amount: '99.00', date: '2024-03-01' },
    ],
    '290.00',
    'USD',
    4,
  );
  expect(points).toHaveLength(29);
  expect(points.slice(0, 5)).toEqual([
    { day: 1, spent: '0.30', pace: '10.00' },
    { day: 2, spent: '0.30', pace: '20.00' },
    { day: 3, spent: '10.30', pace: '30.00' },
    { day: 4, spent: '10.30', pace: '40.00' },
    { day: 5, spent: null, pace: '50.00' },
  ]);
  expect(points[28]).toEqual({ day: 29, spent: null, pace: '290.00' });
});

test('without a budget there is no pace', () => {
  const points = cumulativeSpending('2024-03', [], null, 'JPY', 31);
  expect(points[30]).toEqual({ day: 31, spent: '0', pace: null });
});
