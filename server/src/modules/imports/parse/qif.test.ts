import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectFormat, parseStatement } from './index';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../../../../test/fixtures/bank', name));
const qif = (text: string) => Buffer.from(text, 'utf8');

describe('QIF statements', () => {
  it('reads a bank QIF with splits, transfers and Quicken dates', () => {
    const data = fixture('bank-splits.qif');
    expect(detectFormat(data)).toBe('QIF');
    const statement = parseStatement(data, 'AUTO');
    expect(statement.errors).toEqual([]);
    expect(statement.dateFormat).toBe('MM/DD/YYYY');
    expect(
      statement.rows.map((r) => [r.line, r.date, r.amount, r.payee, r.description, r.category]),
    ).toEqual([
      [8, '2024-01-05', '-1250', 'Riverside Apartments', 'January rent', 'Housing:Rent'],
      [17, '2024-01-12', '-61.2', 'Costco Wholesale', 'Food', 'Groceries'],
      [17, '2024-01-12', '-25.25', 'Costco Wholesale', 'Weekly shop', 'Household:Supplies'],
      [27, '2024-01-15', '2400', 'Acme Corp Payroll', 'Acme Corp Payroll', 'Salary'],
      [32, '2024-01-20', '-500', 'Transfer to savings', 'Transfer: Savings Account', null],
      [37, '2004-01-31', '0.37', 'Interest', 'Interest', 'Interest Inc'],
    ]);
  });

  it('reads a credit-card QIF', () => {
    const statement = parseStatement(fixture('creditcard.qif'), 'QIF');
    expect(statement.errors).toEqual([]);
    expect(statement.rows.map((r) => [r.date, r.amount, r.category, r.description])).toEqual([
      ['2024-02-03', '-45.99', 'Entertainment', 'Netflix.com'],
      ['2024-02-14', '-128.5', 'Dining', "Valentine's dinner"],
      ['2024-02-25', '600', null, 'Transfer: Checking'],
    ]);
  });

  it('reads day-first dates when the data says so, and asks when it cannot tell', () => {
    const dayFirst = parseStatement(
      qif('!Type:Cash\nD25/12/2023\nT-10.00\nPMarket\n^\nD03/01/2024\nT-2.00\n^\n'),
      'AUTO',
    );
    expect(dayFirst.dateFormat).toBe('DD/MM/YYYY');
    expect(dayFirst.ambiguousDateFormats).toEqual([]);
    expect(dayFirst.rows.map((r) => r.date)).toEqual(['2023-12-25', '2024-01-03']);

    const text = '!Type:Bank\nD03/04/2024\nT-1.00\n^\nD2024-05-06\nT-1.00\n^\n';
    const unclear = parseStatement(qif(text.replace('D2024-05-06', 'D05/06/2024')), 'AUTO');
    expect(unclear.ambiguousDateFormats).toEqual(['MM/DD/YYYY', 'DD/MM/YYYY']);
    expect(unclear.rows.map((r) => r.date)).toEqual(['2024-03-04', '2024-05-06']);
    const chosen = parseStatement(qif(text.replace('D2024-05-06', 'D05/06/2024')), 'QIF', {
      dateFormat: 'DD/MM/YYYY',
    });
    expect(chosen.rows.map((r) => r.date)).toEqual(['2024-04-03', '2024-06-05']);
    const iso = parseStatement(qif(text.replace('D03/04/2024', 'D2024-01-05')), 'AUTO');
    expect(iso.rows.map((r) => r.date)).toEqual(['2024-01-05', '2024-05-06']);
  });

  it('refuses splits that do not add up to the total, naming the record line', () => {
    const statement = parseStatement(
      qif(
        '!Type:Bank\nD01/12/2024\nT-86.45\nPShop\nSA\n$-61.20\nSB\n$-25.00\n^\nD01/13/2024\nT-1.00\n^\n',
      ),
      'AUTO',
    );
    expect(statement.errors).toEqual([
      { line: 2, field: '$', message: 'The splits add up to -61.2 + -25, not the total -86.45' },
    ]);
    expect(statement.rows.map((r) => r.line)).toEqual([10]);
  });

  it('reports bad dates and amounts per record', () => {
    const statement = parseStatement(
      qif(
        '!Type:Bank\nD02/30/2024\nT-1.00\n^\nD02/01/2024\nT1.234,5,6\n^\nD02/02/2024\nPNo amount\n^\n',
      ),
      'AUTO',
    );
    expect(statement.errors).toEqual([
      { line: 2, field: 'D', message: '"02/30/2024" is not a calendar day' },
      {
        line: 5,
        field: 'T',
        message: 'The amount "1.234,5,6" has a malformed decimal part',
      },
      { line: 8, field: 'T', message: 'The amount (T) is missing' },
    ]);
    expect(statement.rows).toEqual([]);
  });

  it('refuses investment accounts and a truncated last record', () => {
    const invest = parseStatement(qif('!Type:Invst\nD01/05/2024\nNBuy\nYACME\n^\n'), 'AUTO');
    expect(invest.errors).toEqual([
      {
        line: 1,
        field: 'type',
        message: '"!Type:Invst" records are not read: only !Type:Bank, !Type:CCard and !Type:Cash',
      },
    ]);
    const cut = parseStatement(qif('!Type:Bank\nD01/05/2024\nT-1.00\n^\nD01/06/2024\nT-2'), 'QIF');
    expect(cut.rows).toEqual([]);
    expect(cut.errors).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringMatching(/truncated/) }),
    ]);
  });
});
