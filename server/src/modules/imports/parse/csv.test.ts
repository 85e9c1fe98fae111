import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectFormat, parseStatement } from './index';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../../../../test/fixtures/bank', name));
const csv = (text: string) => Buffer.from(text, 'utf8');

describe('CSV statements', () => {
  it('reads a German bank export: Windows-1252, semicolons, decimal comma, preamble', () => {
    const data = fixture('german-bank-1252.csv');
    expect(detectFormat(data)).toBe('CSV');
    const statement = parseStatement(data, 'AUTO');
    expect(statement.errors).toEqual([]);
    expect(statement.format).toBe('CSV');
    expect(statement.csv?.mapping).toMatchObject({
      delimiter: ';',
      encoding: 'windows-1252',
      skipRows: 4,
      dateFormat: 'DD.MM.YYYY',
      decimalSeparator: ',',
      date: 0,
      payee: 3,
      description: 4,
      amount: 7,
    });
    expect(statement.csv?.header?.[3]).toBe('Auftraggeber / Begünstigter');
    expect(statement.rows.map((r) => [r.line, r.date, r.amount])).toEqual([
      [6, '2024-03-01', '-84'],
      [7, '2024-03-04', '-47.19'],
      [8, '2024-03-15', '3250'],
      [9, '2024-03-18', '-1150'],
      [10, '2024-03-28', '-4.95'],
      [11, '2024-03-31', '-3.4'],
    ]);
    expect(statement.rows[2]).toMatchObject({
      payee: 'Müller & Söhne KG',
      description: 'Gehalt März 2024',
      bankId: null,
    });
    expect(statement.rows[5].description).toBe('Brötchen € 3,40');
  });

  it('reads a US bank export with MM/DD/YYYY and debit and credit columns', () => {
    const statement = parseStatement(fixture('us-bank-debit-credit.csv'), 'CSV');
    expect(statement.errors).toEqual([]);
    expect(statement.csv?.mapping).toMatchObject({
      dateFormat: 'MM/DD/YYYY',
      debit: 4,
      credit: 5,
      amount: null,
      category: 3,
      decimalSeparator: '.',
    });
    expect(statement.csv?.ambiguousDateFormats).toEqual([]);
    expect(statement.rows.map((r) => [r.date, r.amount, r.category])).toEqual([
      ['2024-01-03', '-5.75', 'Dining'],
      ['2024-01-05', '2500', 'Income'],
      ['2024-01-13', '-1234.56', 'Shopping'],
      ['2024-01-22', '-200', 'Transfer'],
      ['2024-01-31', '0.12', 'Interest'],
    ]);
  });

  it('recognises a Firefly III export and reads each counterparty', () => {
    const statement = parseStatement(fixture('firefly-iii-export.csv'), 'AUTO');
    expect(statement.errors).toEqual([]);
    expect(statement.csv?.mapping).toMatchObject({ date: 15, amount: 8, currency: 7 });
    expect(statement.rows).toEqual([
      expect.objectContaining({
        line: 2,
        date: '2024-02-01',
        amount: '-12.5',
        currency: 'EUR',
        description: 'Lunch at Mensa',
        payee: 'Mensa Uni',
        category: 'Food',
      }),
      expect.objectContaining({ date: '2024-02-03', amount: '2100', payee: 'Employer Inc' }),
      expect.objectContaining({ amount: '-30', currency: 'USD', payee: 'Course Platform' }),
    ]);
  });

  it("recognises an Actual Budget export and keeps a split's children, not its parent", () => {
    const statement = parseStatement(fixture('actual-export.csv'), 'AUTO');
    expect(statement.errors).toEqual([]);
    expect(statement.rows.map((r) => [r.line, r.amount, r.payee, r.category])).toEqual([
      [2, '-23.47', 'Corner Grocery', 'Groceries'],
      [4, '-45', 'Hardware Store', 'Home Improvement'],
      [5, '-15', 'Hardware Store', 'Groceries'],
      [6, '1800', 'Employer', 'Income'],
      [7, '-4.5', 'Coffee Bean', 'Eating Out'],
    ]);
  });

  it.each([
    ['-1.234,56', ';', '-1234.56'],
    ['"-1,234.56"', ',', '-1234.56'],
    ['-1 234,56', ';', '-1234.56'],
    ['(12.00)', ',', '-12'],
    ['12,00-', ';', '-12'],
    ['EUR 7,5', ';', '7.5'],
    ['+0,99', ';', '0.99'],
    ['1.000.000,00', ';', '1000000'],
  ])('reads the amount %s', (amount, delimiter, expected) => {
    const other = delimiter === ';' ? '1,00' : '1.00';
    const text = [
      ['Date', 'Description', 'Amount'],
      ['2024-01-05', 'Shop', amount],
      ['2024-01-06', 'Other', other],
    ]
      .map((cells) => cells.join(delimiter))
      .join('\n');
    const statement = parseStatement(csv(text), 'CSV');
    expect(statement.errors).toEqual([]);
    expect(statement.rows[0].amount).toBe(expected);
  });

  it('detects tab and pipe delimiters and a BOM', () => {
    const tab = parseStatement(csv('\uFEFFDate\tPayee\tAmount\n2024-01-05\tA\t-1.50\n'), 'AUTO');
    expect(tab.csv?.mapping.delimiter).toBe('\t');
    expect(tab.csv?.header).toEqual(['Date', 'Payee', 'Amount']);
    expect(tab.rows[0]).toMatchObject({ amount: '-1.5', payee: 'A', description: 'A' });
    const pipe = parseStatement(
      csv('Datum|Omschrijving|Bedrag\n05-01-2024|Albert Heijn|-8,95\n'),
      'AUTO',
    );
    expect(pipe.csv?.mapping).toMatchObject({ delimiter: '|', dateFormat: 'DD-MM-YYYY' });
    expect(pipe.rows[0]).toMatchObject({ date: '2024-01-05', amount: '-8.95' });
  });

  it('reads French and Spanish headers and YYYYMMDD and two-digit years', () => {
    const fr = parseStatement(
      csv('Date opération;Libellé;Montant\n20240105;CB CARREFOUR;-12,30\n'),
      'AUTO',
    );
    expect(fr.rows[0]).toMatchObject({
      date: '2024-01-05',
      amount: '-12.3',
      description: 'CB CARREFOUR',
    });
    const es = parseStatement(
      csv('Fecha;Concepto;Importe\n5/1/24;Mercadona;-20,00\n28/2/24;Nómina;1500,00\n'),
      'AUTO',
    );
    expect(es.errors).toEqual([]);
    expect(es.csv?.mapping.dateFormat).toBe('DD/MM/YY');
    expect(es.rows.map((r) => r.date)).toEqual(['2024-01-05', '2024-02-28']);
  });

  it('reads a file without a header row', () => {
    const statement = parseStatement(
      csv('2024-01-05,COFFEE SHOP DOWNTOWN,-3.20\n2024-01-06,GROCERY MARKET 22,-41.07\n'),
      'AUTO',
    );
    expect(statement.errors).toEqual([]);
    expect(statement.csv?.header).toBeNull();
    expect(statement.rows.map((r) => [r.line, r.amount, r.description])).toEqual([
      [1, '-3.2', 'COFFEE SHOP DOWNTOWN'],
      [2, '-41.07', 'GROCERY MARKET 22'],
    ]);
  });

  it('keeps given mapping fields over detected ones', () => {
    const statement = parseStatement(
      csv('Date,Text,Amount,Other\n2024-01-05,Shop,-1.00,Note\n'),
      'CSV',
      { description: 3, dateFormat: 'YYYY-MM-DD' },
    );
    expect(statement.rows[0].description).toBe('Note');
    expect(statement.csv?.mapping).toMatchObject({ description: 3, amount: 2 });
  });

  it('asks when every date fits both DD/MM and MM/DD, and parses with the first', () => {
    const statement = parseStatement(
      csv('Date,Description,Amount\n03/04/2024,A,-1.00\n05/06/2024,B,-2.00\n'),
      'AUTO',
    );
    expect(statement.csv?.ambiguousDateFormats).toEqual(['DD/MM/YYYY', 'MM/DD/YYYY']);
    expect(statement.rows.map((r) => r.date)).toEqual(['2024-04-03', '2024-06-05']);
    const chosen = parseStatement(csv('Date,Description,Amount\n03/04/2024,A,-1.00\n'), 'AUTO', {
      dateFormat: 'MM/DD/YYYY',
    });
    expect(chosen.csv?.ambiguousDateFormats).toEqual([]);
    expect(chosen.rows[0].date).toBe('2024-03-04');
  });

  it('reports 2024-02-30 and 1.234,5,6 as row errors with line and field, keeping other rows', () => {
    const statement = parseStatement(
      csv(
        'Datum;Text;Betrag\n2024-02-28;ok;-1,00\n2024-02-30;bad day;-2,00\n2024-03-01;bad amount;1.234,5,6\n2024-03-02;ok;3,00\n',
      ),
      'AUTO',
    );
    expect(statement.errors).toEqual([
      { line: 3, field: 'date', message: '"2024-02-30" is not a calendar day' },
      {
        line: 4,
        field: 'amount',
        message: 'The amount "1.234,5,6" has more than one decimal separator ","',
      },
    ]);
    expect(statement.rows.map((r) => r.line)).toEqual([2, 5]);
  });

  it('refuses a one-column file, naming the line and field', () => {
    const statement = parseStatement(csv('just some text\nand more text\nand more\n'), 'AUTO');
    expect(statement.rows).toEqual([]);
    expect(statement.errors).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'delimiter',
        message: expect.stringMatching(/only one column/),
      }),
    ]);
  });

  it('says which column it could not find', () => {
    const statement = parseStatement(csv('Name,Town\nAnna,Bonn\nBen,Köln\n'), 'CSV');
    expect(statement.errors).toEqual([
      expect.objectContaining({ field: 'date', message: expect.stringMatching(/No date column/) }),
    ]);
  });

  it('reports an unclosed quote as a file error with its line', () => {
    const statement = parseStatement(
      csv('Date,Description,Amount\n2024-01-05,"open quote,-1.00\n2024-01-06,x,2\n'),
      'CSV',
    );
    expect(statement.rows).toEqual([]);
    expect(statement.errors).toHaveLength(1);
    expect(statement.errors[0].message).toMatch(/malformed/);
  });

  it('refuses files that are not statements with one clear error', () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1'), /PDF/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), /zip/],
      [Buffer.from('{"transactions": [{"amount": 1}]}'), /JSON/],
      [Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 73 + 11) % 256)), /binary/],
      [Buffer.from(''), /empty/],
    ];
    for (const [data, message] of cases) {
      expect(detectFormat(data)).toBeNull();
      const statement = parseStatement(data, 'AUTO');
      expect(statement.rows).toEqual([]);
      expect(statement.errors).toEqual([
        { line: 1, field: 'format', message: expect.stringMatching(message) },
      ]);
    }
  });

  it('refuses a CSV claimed to be another format, and another format claimed to be CSV', () => {
    const claimedOfx = parseStatement(fixture('us-bank-debit-credit.csv'), 'OFX');
    expect(claimedOfx.errors).toEqual([
      {
        line: 1,
        field: 'format',
        message: 'The file is not OFX/QFX: its content looks like a CSV file',
      },
    ]);
    const claimedCsv = parseStatement(csv('!Type:Bank\nD01/05/2024\nT-1.00\n^\n'), 'CSV');
    expect(claimedCsv.errors[0].message).toBe(
      'The file is not CSV: its content looks like a QIF file',
    );
  });
});
