import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectFormat, parseStatement } from './index';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../../../../test/fixtures/bank', name));

describe('CAMT.053 statements', () => {
  it('reads a camt.053.001.02 statement, leaving out pending entries', () => {
    const data = fixture('camt053-v02.xml');
    expect(detectFormat(data)).toBe('CAMT053');
    const statement = parseStatement(data, 'AUTO');
    expect(statement.errors).toEqual([]);
    expect(statement.account).toEqual({
      iban: 'DE89370400440532013000',
      accountNumber: null,
      currency: 'EUR',
    });
    expect(statement.rows).toEqual([
      {
        line: 23,
        date: '2024-04-04',
        amount: '-54.9',
        currency: 'EUR',
        description: 'Kd-Nr. 88123 Rechnung 04/2024 Mobilfunk',
        payee: 'Telefonica Germany GmbH & Co. OHG',
        category: null,
        bankId: '2024040400012345',
      },
      {
        line: 50,
        date: '2024-04-04',
        amount: '2850',
        currency: 'EUR',
        description: 'LOHN/GEHALT 04/2024',
        payee: 'Beispiel AG',
        category: null,
        bankId: '2024040400012346',
      },
    ]);
  });

  it('reads a prefixed camt.053.001.08 statement with a batch entry as one row per TxDtls', () => {
    const statement = parseStatement(fixture('camt053-v08-batch.xml'), 'CAMT053');
    expect(statement.errors).toEqual([]);
    expect(statement.account).toEqual({
      iban: 'CH9300762011623852957',
      accountNumber: null,
      currency: 'CHF',
    });
    expect(statement.rows.map((r) => [r.line, r.amount, r.payee, r.description, r.bankId])).toEqual(
      [
        [
          8,
          '-1200',
          'Immobilien Zürich AG',
          'Miete Mai 2024',
          'CH-20240510-BATCH-0778/E2E-RENT-05',
        ],
        [8, '-180.75', 'ewz Elektrizitätswerk', 'Strom Q2', 'CH-20240510-BATCH-0778/E2E-ELEC-05'],
        [
          8,
          '-70',
          'Helvetia Versicherungen',
          'Hausrat Prämie',
          'CH-20240510-BATCH-0778/TX-INS-0005',
        ],
        [41, '35.2', 'Anna Beispiel', 'Pizza Abend', 'CH-20240510-0779'],
      ],
    );
    expect(statement.rows.every((r) => r.date === '2024-05-10' && r.currency === 'CHF')).toBe(true);
  });

  it('refuses XXE and billion-laughs documents at once, without expanding anything', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&xxe;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`;
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
      ),
      ']>',
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&lol9;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>',
    ].join('\n');
    for (const [document, line] of [
      [xxe, 2],
      [lol, 2],
    ] as const) {
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const statement = parseStatement(Buffer.from(document), 'CAMT053');
      expect(performance.now() - started).toBeLessThan(1000);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
      expect(statement.rows).toEqual([]);
      expect(statement.errors).toEqual([
        { line, field: 'DOCTYPE', message: expect.stringMatching(/DOCTYPE or entities/) },
      ]);
    }
  });

  it('refuses a truncated file and one holding statements of two accounts', () => {
    const full = fixture('camt053-v02.xml').toString('utf8');
    const truncated = parseStatement(Buffer.from(full.slice(0, full.indexOf('</Ntry>'))), 'AUTO');
    expect(truncated.rows).toEqual([]);
    expect(truncated.errors).toHaveLength(1);
    expect(truncated.errors[0].message).toMatch(/malformed or truncated/);

    const stmt = full.slice(full.indexOf('<Stmt>'), full.indexOf('</Stmt>') + 7);
    const other = stmt.replaceAll('DE89370400440532013000', 'DE02120300000000202051');
    const two = parseStatement(Buffer.from(full.replace(stmt, stmt + other)), 'AUTO');
    expect(two.rows).toEqual([]);
    expect(two.errors[0]).toMatchObject({
      field: 'Acct',
      message: expect.stringMatching(/2 accounts/),
    });
  });

  it('reports a bad day or sign of one entry with its line and field', () => {
    const full = fixture('camt053-v02.xml')
      .toString('utf8')
      .replace('<BookgDt><Dt>2024-04-04</Dt></BookgDt>', '<BookgDt><Dt>2024-02-30</Dt></BookgDt>')
      .replace(
        '<CdtDbtInd>CRDT</CdtDbtInd>\n        <Sts>BOOK',
        '<CdtDbtInd>X</CdtDbtInd>\n        <Sts>BOOK',
      );
    const statement = parseStatement(Buffer.from(full), 'CAMT053');
    expect(statement.errors).toEqual([
      { line: 23, field: 'BookgDt', message: '"2024-02-30" is not a calendar day' },
      { line: 50, field: 'CdtDbtInd', message: 'CdtDbtInd must be CRDT or DBIT (got "X")' },
    ]);
  });

  it('refuses other XML with one clear error', () => {
    const pain = Buffer.from(
      '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>',
    );
    expect(detectFormat(pain)).toBeNull();
    expect(parseStatement(pain, 'AUTO').errors).toEqual([
      { line: 1, field: 'format', message: expect.stringMatching(/other than a CAMT.053/) },
    ]);
    const claimed = parseStatement(fixture('camt053-v02.xml'), 'OFX');
    expect(claimed.errors[0].message).toBe(
      'The file is not OFX/QFX: its content looks like a CAMT.053 file',
    );
  });
});
