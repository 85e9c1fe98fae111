import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectFormat, parseStatement } from './index';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../../../../test/fixtures/bank', name));

describe('OFX and QFX statements', () => {
  it('reads an OFX 1.02 SGML bank statement with unclosed tags', () => {
    const data = fixture('bank-ofx102-sgml.ofx');
    expect(detectFormat(data)).toBe('OFX');
    const statement = parseStatement(data, 'AUTO');
    expect(statement.errors).toEqual([]);
    expect(statement.account).toEqual({
      iban: null,
      accountNumber: '000123456789',
      currency: 'USD',
    });
    expect(statement.rows).toEqual([
      {
        line: 39,
        date: '2024-03-04',
        amount: '-42.17',
        currency: 'USD',
        description: 'POS PURCHASE',
        payee: 'SHELL OIL 57442',
        category: null,
        bankId: '2024030400001',
      },
      // An empty <MEMO> is an empty leaf: the name stands in for the description.
      expect.objectContaining({ date: '2024-03-11', amount: '-250', description: 'CHECK 1043' }),
      expect.objectContaining({
        date: '2024-03-15',
        amount: '1875.3',
        payee: 'ACME PAYROLL & HR',
        bankId: '2024031500003',
      }),
      expect.objectContaining({ date: '2024-03-29', amount: '-5' }),
    ]);
  });

  it('reads an OFX 2.2 XML credit-card statement, with a foreign-currency row', () => {
    const statement = parseStatement(fixture('creditcard-ofx220.ofx'), 'OFX');
    expect(statement.errors).toEqual([]);
    expect(statement.account).toEqual({
      iban: null,
      accountNumber: '4111********1111',
      currency: 'EUR',
    });
    expect(
      statement.rows.map((r) => [r.date, r.amount, r.currency, r.payee, r.description, r.bankId]),
    ).toEqual([
      ['2024-01-12', '-89.9', 'EUR', 'Café de Flore', 'Paris FR', 'CC-7781-0001'],
      ['2024-01-19', '-120', 'USD', 'AIRLINE TICKETS', 'AIRLINE TICKETS', 'CC-7781-0002'],
      ['2024-01-25', '209.9', 'EUR', 'PAYMENT - THANK YOU', 'PAYMENT - THANK YOU', 'CC-7781-0003'],
    ]);
  });

  it('reads a QFX written on one line', () => {
    const statement = parseStatement(fixture('savings.qfx'), 'AUTO');
    expect(statement.errors).toEqual([]);
    expect(statement.account?.accountNumber).toBe('9876543210');
    expect(statement.rows).toEqual([
      expect.objectContaining({
        line: 11,
        date: '2024-05-31',
        amount: '3.21',
        bankId: '202405310001',
      }),
    ]);
  });

  it('refuses a truncated OFX as a whole: no partial import', () => {
    const full = fixture('bank-ofx102-sgml.ofx').toString('latin1');
    for (const cut of [
      full.indexOf('<TRNAMT>1875'),
      full.indexOf('</BANKTRANLIST>'),
      full.length - 10,
    ]) {
      const statement = parseStatement(Buffer.from(full.slice(0, cut), 'latin1'), 'AUTO');
      expect(statement.rows).toEqual([]);
      expect(statement.errors).toHaveLength(1);
      expect(statement.errors[0].message).toMatch(/truncated/);
    }
    const xml = fixture('creditcard-ofx220.ofx').toString('utf8');
    const cutXml = parseStatement(Buffer.from(xml.slice(0, xml.indexOf('</STMTTRN>') + 4)), 'OFX');
    expect(cutXml.rows).toEqual([]);
    expect(cutXml.errors[0].message).toMatch(/truncated/);
  });

  it('reports a bad date or amount of one transaction with its line and field', () => {
    const text = fixture('bank-ofx102-sgml.ofx')
      .toString('latin1')
      .replace('<DTPOSTED>20240304', '<DTPOSTED>20240230')
      .replace('<TRNAMT>-5\r', '<TRNAMT>-5,0,0\r');
    const statement = parseStatement(Buffer.from(text, 'latin1'), 'OFX');
    expect(statement.errors).toEqual([
      { line: 39, field: 'DTPOSTED', message: '"20240230" is not a calendar day' },
      {
        line: 63,
        field: 'TRNAMT',
        message: 'The amount "-5,0,0" has more than one decimal separator ","',
      },
    ]);
    expect(statement.rows).toHaveLength(2);
  });

  it('refuses entity declarations, mismatched tags and files without a statement', () => {
    const doctype = parseStatement(
      Buffer.from(
        '<?xml version="1.0"?>\n<!DOCTYPE OFX [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<OFX><SIGNONMSGSRSV1></SIGNONMSGSRSV1></OFX>',
      ),
      'OFX',
    );
    expect(doctype.errors).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/DOCTYPE/) }),
    ]);
    const mismatched = parseStatement(
      Buffer.from('OFXHEADER:100\n\n<OFX>\n<BANKMSGSRSV1>\n</CREDITCARDMSGSRSV1>\n</OFX>'),
      'OFX',
    );
    expect(mismatched.errors).toEqual([
      {
        line: 5,
        field: 'CREDITCARDMSGSRSV1',
        message: '</CREDITCARDMSGSRSV1> does not close <BANKMSGSRSV1>',
      },
    ]);
    const empty = parseStatement(
      Buffer.from('OFXHEADER:100\n\n<OFX>\n<SIGNONMSGSRSV1>\n</SIGNONMSGSRSV1>\n</OFX>'),
      'AUTO',
    );
    expect(empty.errors[0].message).toMatch(/no bank or credit-card statement/);
  });

  it('stays linear on a hostile file of long tag names and deep nesting', () => {
    const long = `OFXHEADER:100\n\n<OFX>${`<${'A'.repeat(60)}>x`.repeat(20_000)}`;
    const started = performance.now();
    const statement = parseStatement(Buffer.from(long), 'OFX');
    expect(statement.errors).toHaveLength(1);
    const deep = parseStatement(Buffer.from(`<OFX>${'<A>'.repeat(10_000)}`), 'OFX');
    expect(deep.errors[0].message).toMatch(/nested too deeply/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
