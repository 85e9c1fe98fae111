import { addExpense, signUp } from '../../../test/factories';
import { commitAndWait, defaultAccountId, previewFile } from '../../../test/imports';
import { describeEachDatabase } from '../../../test/test-server';

/** Rows enough for the bulk paths (MySQL loads 500+ transactions and 1,000+ keys at once). */
const ROWS = 1_200;

/** A CSV whose every row says which file and line it came from; some text needs escaping. */
function statement(label: string): string {
  const lines = ['Date,Description,Amount'];
  for (let i = 0; i < ROWS; i++) {
    const day = `2024-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const text = i % 100 === 7 ? `${label} row ${i} back\\slash \\N` : `${label} row ${i}`;
    lines.push(`${day},"${text}",-${1 + (i % 50)}.${String(i % 100).padStart(2, '0')}`);
  }
  return `${lines.join('\n')}\n`;
}

describeEachDatabase('imports in bulk', (server) => {
  test("each imported row's key names its own transaction, after earlier imports and hand entries", async () => {
    const client = server().client();
    await signUp(client);
    const accountId = await defaultAccountId(client);
    await addExpense(client, { amount: '9.99', date: '2024-01-15', description: 'By hand' });

    const imported: string[] = [];
    for (const label of ['First', 'Second']) {
      const preview = await previewFile(client, statement(label), { accountId });
      expect(preview.errors).toEqual([]);
      const result = await commitAndWait(client, preview.importId);
      expect(result).toMatchObject({ status: 'DONE', imported: ROWS, skippedDuplicates: 0 });
      imported.push(preview.importId);
    }

    // Rows are written oldest day first (file order within a day), the keys with them.
    const expected = (label: string) =>
      Array.from({ length: ROWS }, (_, i) => ({
        day: `${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`,
        text: i % 100 === 7 ? `${label} row ${i} back\\slash \\N` : `${label} row ${i}`,
      }))
        .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
        .map((row) => row.text);
    const described = async (importId: string) =>
      (
        (await server().dataSource.query(
          'SELECT t.description AS description FROM import_keys k ' +
            'INNER JOIN transactions t ON t.id = k.transactionId WHERE k.importId = ? ORDER BY k.id',
          [Number(importId)],
        )) as { description: string }[]
      ).map((r) => r.description);
    expect(await described(imported[0])).toEqual(expected('First'));
    expect(await described(imported[1])).toEqual(expected('Second'));

    const again = await previewFile(client, statement('Second'), { accountId });
    expect(again.duplicates).toBe(ROWS);
    expect(await commitAndWait(client, again.importId)).toMatchObject({
      status: 'DONE',
      imported: 0,
      skippedDuplicates: ROWS,
    });
    const counted: { n: number | string }[] = await server().dataSource.query(
      'SELECT COUNT(*) AS n FROM transactions WHERE accountId = ?',
      [Number(accountId)],
    );
    expect(Number(counted[0].n)).toBe(2 * ROWS + 1);
  });
});
