import { mappingFromPreview } from './mapping';

test("a preview's mapping keeps only what the CsvMapping input takes", () => {
  const json = JSON.stringify({
    date: 0,
    amount: 3,
    description: 1,
    payee: null,
    payeeIn: 4,
    currency: 5,
    splitTotal: 6,
    dateFormat: 'DD.MM.YYYY',
    decimalSeparator: ',',
    delimiter: ';',
    encoding: 'windows-1252',
  });
  expect(mappingFromPreview(json)).toEqual({
    date: 0,
    amount: 3,
    description: 1,
    dateFormat: 'DD.MM.YYYY',
    decimalSeparator: ',',
    delimiter: ';',
    encoding: 'windows-1252',
  });
});

test('a date format the server only guessed among several is left for the user to pick', () => {
  const json = JSON.stringify({ date: 0, amount: 1, dateFormat: 'DD/MM/YYYY' });
  expect(mappingFromPreview(json, ['DD/MM/YYYY', 'MM/DD/YYYY'])).toEqual({ date: 0, amount: 1 });
  expect(mappingFromPreview(json, [])).toEqual({ date: 0, amount: 1, dateFormat: 'DD/MM/YYYY' });
  expect(mappingFromPreview(null)).toBeNull();
  expect(mappingFromPreview('not json')).toBeNull();
});
