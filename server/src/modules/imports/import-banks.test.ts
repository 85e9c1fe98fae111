import type { ApiClient } from '../../../test/api-client';
import { addExpense, signUp } from '../../../test/factories';
import { commitAndWait, defaultAccountId, PREVIEW, previewFile } from '../../../test/imports';
import { describeEachDatabase } from '../../../test/test-server';
import { upload } from '../../../test/uploads';

/** An OFX 1.x statement as banks send it (SGML: values without closing tags). */
function ofx(
  account: string,
  rows: { fitid: string; date: string; amount: string; name: string }[],
) {
  return [
    'OFXHEADER:100',
    'DATA:OFXSGML',
    'VERSION:102',
    'SECURITY:NONE',
    'ENCODING:USASCII',
    'CHARSET:1252',
    'COMPRESSION:NONE',
    'OLDFILEUID:NONE',
    'NEWFILEUID:NONE',
    '',
    '<OFX>',
    '<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>',
    `<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>021000021<ACCTID>${account}<ACCTTYPE>CHECKING</BANKACCTFROM>`,
    '<BANKTRANLIST><DTSTART>20240501<DTEND>20240531',
    ...rows.map(
      (r) =>
        `<STMTTRN><TRNTYPE>${r.amount.startsWith('-') ? 'DEBIT' : 'CREDIT'}<DTPOSTED>${r.date}` +
        `<TRNAMT>${r.amount}<FITID>${r.fitid}<NAME>${r.name}</STMTTRN>`,
    ),
    '</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>',
    '</OFX>',
  ].join('\n');
}

/** A CAMT.053.001.08 day statement for `iban` with one debit and one credit. */
function camt(iban: string) {
  const entry = (ref: string, amount: string, indicator: string, info: string) => `
      <Ntry>
        <Amt Ccy="USD">${amount}</Amt>
        <CdtDbtInd>${indicator}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2024-06-03</Dt></BookgDt>
        <ValDt><Dt>2024-06-03</Dt></ValDt>
        <AcctSvcrRef>${ref}</AcctSvcrRef>
        <AddtlNtryInf>${info}</AddtlNtryInf>
      </Ntry>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2024-06-04T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-1-1</Id>
      <CreDtTm>2024-06-04T06:00:00</CreDtTm>
      <Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>USD</Ccy></Acct>
      ${entry('REF-1', '12.30', 'DBIT', 'Card payment Bakery')}
      ${entry('REF-2', '100.00', 'CRDT', 'Transfer from Anna')}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
}

const MAY = [
  { fitid: 'F-1', date: '20240502', amount: '-20.00', name: 'Fuel Station' },
  { fitid: 'F-2', date: '20240502', amount: '-20.00', name: 'Fuel Station' },
  { fitid: 'F-3', date: '20240510', amount: '1500.00', name: 'Payroll' },
];

async function createAccount(client: ApiClient, name: string): Promise<string> {
  const { createAccount } = await client.data<{ createAccount: { id: string } }>(
    'mutation($input: AccountInput!) { createAccount(input: $input) { id } }',
    { input: { name, type: 'CHECKING', currency: 'USD' } },
  );
  return createAccount.id;
}

describeEachDatabase('bank statement imports (OFX, CAMT.053)', (server) => {
  test('OFX rows are keyed by FITID: a re-sent file with changed names imports nothing new', async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    const preview = await previewFile(client, ofx('12345678', MAY), { accountId }, 'may.ofx');
    expect(preview.format).toBe('OFX');
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.date, r.description, r.amount, r.kind])).toEqual([
      ['2024-05-02', 'Fuel Station', '20.00', 'EXPENSE'],
      ['2024-05-02', 'Fuel Station', '20.00', 'EXPENSE'],
      ['2024-05-10', 'Payroll', '1500.00', 'INCOME'],
    ]);
    expect(await commitAndWait(client, preview.importId)).toMatchObject({ imported: 3 });

    // The bank re-sends the month with new names and one new row: only that one comes in.
    const renamed = [
      ...MAY.map((r) => ({ ...r, name: `${r.name} #${r.fitid}` })),
      { fitid: 'F-4', date: '20240520', amount: '-9.99', name: 'Streaming' },
    ];
    const again = await previewFile(client, ofx('12345678', renamed), { accountId }, 'may2.ofx');
    expect(again.duplicates).toBe(3);
    expect(await commitAndWait(client, again.importId)).toMatchObject({
      imported: 1,
      skippedDuplicates: 3,
    });
  });

  test('an OFX with every row on one line counts each row as a duplicate or likely one', async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    await addExpense(client, { amount: '20.00', date: '2024-05-02', description: 'Fuel' });
    const oneLine = ofx('24681357', MAY).replace(/\n(?=<)/g, '');
    const first = await previewFile(client, oneLine, { accountId }, 'one-line.ofx');
    expect(first.errors).toEqual([]);
    expect(first.total).toBe(3);
    expect(new Set(first.rows.map((r) => r.line)).size).toBe(1);
    expect(first.likelyDuplicates).toBe(1);
    expect(first.rows.map((r) => r.likelyDuplicate)).toEqual([true, false, false]);
    expect(await commitAndWait(client, first.importId, true)).toMatchObject({
      imported: 2,
      skippedDuplicates: 1,
    });

    const again = await previewFile(client, oneLine, { accountId }, 'one-line.ofx');
    expect(again).toMatchObject({ duplicates: 2, likelyDuplicates: 1 });
    expect(again.rows.map((r) => [r.duplicate, r.likelyDuplicate])).toEqual([
      [false, true],
      [true, false],
      [true, false],
    ]);
    expect(await commitAndWait(client, again.importId)).toMatchObject({
      imported: 1,
      skippedDuplicates: 2,
    });
  });

  test('a truncated OFX is a clear error and imports nothing', async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    const whole = ofx('55555555', MAY);
    const preview = await previewFile(
      client,
      whole.slice(0, whole.indexOf('<FITID>F-2')),
      { accountId },
      'cut.ofx',
    );
    expect(preview.errors.length).toBeGreaterThan(0);
    expect(preview.errors[0].line).toBeGreaterThan(0);
    expect(preview.errors[0].message).toMatch(/truncated|incomplete|end|closing|cut/i);
    const result = await commitAndWait(client, preview.importId);
    expect(result).toMatchObject({ status: 'FAILED', imported: 0 });
    const { transactions } = await client.data<{ transactions: { totalCount: number } }>(
      '{ transactions { totalCount } }',
    );
    expect(transactions.totalCount).toBe(0);
  });

  test('a CAMT.053 for another bank account than the one imported before is refused', async () => {
    const client = server().client();
    await signUp(client);
    const giro = await defaultAccountId(client);
    const savings = await createAccount(client, 'Savings');
    const first = await previewFile(
      client,
      camt('DE89 3704 0044 0532 0130 00'),
      { accountId: giro },
      'giro.xml',
    );
    expect(first.format).toBe('CAMT053');
    expect(first.rows.map((r) => [r.description, r.amount, r.kind])).toEqual([
      ['Card payment Bakery', '12.30', 'EXPENSE'],
      ['Transfer from Anna', '100.00', 'INCOME'],
    ]);
    expect(await commitAndWait(client, first.importId)).toMatchObject({ imported: 2 });

    // The giro's statement into the savings account: it belongs to the giro account.
    const uploaded = await upload(client, camt('DE89370400440532013000'), { name: 'giro.xml' });
    const intoSavings = await client.gql(PREVIEW, {
      uploadId: uploaded.body.id,
      accountId: savings,
    });
    expect(intoSavings.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'accountId',
    });
    expect(intoSavings.errors?.[0].message).toMatch(/DE89370400440532013000.*Main account/);

    // Another bank account's statement into the giro account.
    const other = await upload(client, camt('GB33BUKB20201555555555'), { name: 'other.xml' });
    const intoGiro = await client.gql(PREVIEW, { uploadId: other.body.id, accountId: giro });
    expect(intoGiro.errors?.[0].extensions?.field).toBe('accountId');
    expect(intoGiro.errors?.[0].message).toMatch(/GB33BUKB20201555555555/);

    const { transactions } = await client.data<{ transactions: { totalCount: number } }>(
      '{ transactions { totalCount } }',
    );
    expect(transactions.totalCount).toBe(2);
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
  });
});
