import { inDateOrder } from './import-rows';

describe('inDateOrder', () => {
  test('oldest day first; rows of one day keep their order in the file', () => {
    const lines = [
      { date: '2024-03-02', line: 1 },
      { date: '2024-01-15', line: 2 },
      { date: '2024-03-02', line: 3 },
      { date: '2023-12-31', line: 4 },
      { date: '2024-01-15', line: 5 },
      { date: '2024-03-02', line: 6 },
    ];
    expect(inDateOrder(lines).map((l) => l.line)).toEqual([4, 2, 5, 1, 3, 6]);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('a newest-first statement (as banks write them) comes out reversed by day', () => {
    const days = ['2024-05-03', '2024-05-02', '2024-05-02', '2024-05-01'];
    const lines = days.map((date, i) => ({ date, line: i + 1 }));
    expect(inDateOrder(lines).map((l) => `${l.date}#${l.line}`)).toEqual([
      '2024-05-01#4',
      '2024-05-02#2',
      '2024-05-02#3',
      '2024-05-03#1',
    ]);
    expect(inDateOrder([])).toEqual([]);
  });
});
