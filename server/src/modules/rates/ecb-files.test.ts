import { ecbDailyXml, ecbHistory, ecbHistoryCsv, zipOf } from '../../../test/ecb-fixtures';
import { parseEcbCsv, parseEcbXml, unzipEcbCsv, ZIP_LIMITS } from './ecb-files';
import { pickRate } from './rate-lookup';

describe('ECB daily XML', () => {
  test('reads every day and currency, skipping retired currencies', () => {
    const xml = ecbDailyXml([
      { date: '2024-01-15', rates: { USD: '1.0945', JPY: '160.79', CYP: '0.5853' } },
      { date: '2024-01-12', rates: { USD: '1.0950' } },
    ]);
    expect(parseEcbXml(xml)).toEqual([
      { date: '2024-01-15', quote: 'USD', rate: '1.0945' },
      { date: '2024-01-15', quote: 'JPY', rate: '160.79' },
      { date: '2024-01-12', quote: 'USD', rate: '1.095' },
    ]);
  });

  test('refuses external entities and entity expansion (XXE, billion laughs)', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<r>&x;</r>';
    expect(() => parseEcbXml(xxe)).toThrow(/DOCTYPE or entities \(line 2\)/);
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n' +
      '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<lolz>&lol2;</lolz>';
    expect(() => parseEcbXml(laughs)).toThrow(/not accepted/);
  });

  test('a malformed file is an error naming the line', () => {
    const broken = ecbDailyXml([{ date: '2024-01-15', rates: { USD: '1.0945' } }]).replace(
      "<Cube currency='USD' rate='1.0945'/>",
      "<Cube currency='USD' rate='1.0945'>",
    );
    expect(() => parseEcbXml(broken)).toThrow(/malformed at line \d+, column \d+/);
    expect(() => parseEcbXml('<?xml version="1.0"?><html></html>')).toThrow(/not an ECB/);
    const badRate = ecbDailyXml([{ date: '2024-01-15', rates: { USD: '-1' } }]);
    expect(() => parseEcbXml(badRate)).toThrow(
      'The USD rate of 2024-01-15 is not a positive decimal: -1',
    );
    const badDate = ecbDailyXml([{ date: '2024-02-30', rates: { USD: '1' } }]);
    expect(() => parseEcbXml(badDate)).toThrow(/no valid time/);
  });
});

describe('ECB history CSV', () => {
  test('reads the header, N/A cells and the trailing comma', () => {
    const csv = ecbHistoryCsv(
      ['USD', 'JPY', 'CYP'],
      [
        { date: '2024-01-15', rates: { USD: '1.0945', JPY: '160.79', CYP: '0.58' } },
        { date: '2024-01-12', rates: { USD: '1.0950' } },
      ],
    );
    expect(csv.split('\n')[0]).toBe('Date, USD, JPY, CYP, ');
    expect(parseEcbCsv(csv)).toEqual([
      { date: '2024-01-15', quote: 'USD', rate: '1.0945' },
      { date: '2024-01-15', quote: 'JPY', rate: '160.79' },
      { date: '2024-01-12', quote: 'USD', rate: '1.095' },
    ]);
  });

  test('a malformed line is an error naming it', () => {
    const header = 'Date, USD, JPY, \n';
    expect(() => parseEcbCsv(`${header}2024-01-15, 1.09, 160, \n2024-01-1x, 1, 2, \n`)).toThrow(
      'Line 3: "2024-01-1x" is not a date as YYYY-MM-DD',
    );
    expect(() => parseEcbCsv(`${header}2024-01-15, 1.09, 1e3, \n`)).toThrow(
      'Line 2: the JPY rate "1e3" is not a positive decimal',
    );
    expect(() => parseEcbCsv('Amount,Description\n1,2\n')).toThrow(/Line 1: an ECB rates CSV/);
    expect(() => parseEcbCsv('Date, US Dollar\n')).toThrow(/"US Dollar" is not a currency code/);
  });
});

describe('ECB history zip', () => {
  test('unpacks the one CSV', () => {
    const csv = ecbHistoryCsv(['USD'], ecbHistory(['USD'], 3));
    expect(unzipEcbCsv(zipOf({ 'eurofxref-hist.csv': csv }))).toBe(csv);
  });

  test('refuses too many entries, no CSV, or two', () => {
    const many = Object.fromEntries(
      Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => [`f${i}.txt`, 'x']),
    );
    expect(() => unzipEcbCsv(zipOf(many))).toThrow(/more than 10 files/);
    expect(() => unzipEcbCsv(zipOf({ 'readme.txt': 'x' }))).toThrow(
      /exactly one CSV file \(found 0\)/,
    );
    expect(() => unzipEcbCsv(zipOf({ 'a.csv': 'x', 'b.csv': 'y' }))).toThrow(/found 2/);
    expect(() => unzipEcbCsv(Buffer.from('PK\x03\x04garbage'))).toThrow(/found 0/);
  });

  test('refuses a bomb by its declared ratio before inflating', () => {
    const bomb = zipOf({ 'eurofxref-hist.csv': new Uint8Array(20 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(() => unzipEcbCsv(bomb)).toThrow(/claims a compression ratio above 100/);
  });

  test('refuses a bomb that lies about its size, while inflating', () => {
    const bomb = zipOf({ 'eurofxref-hist.csv': new Uint8Array(20 * 1024 * 1024) });
    // Declared uncompressed size (local header offset 22, central directory +24) set to 1 KB.
    bomb.writeUInt32LE(1024, 22);
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(1024, central + 24);
    const started = Date.now();
    expect(() => unzipEcbCsv(bomb)).toThrow(/unpacks to more than its limits allow/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('choosing a rate', () => {
  const row = (base: string, quote: string, date: string, rate: string, source = 'ECB') => ({
    base,
    quote,
    date,
    rate,
    source,
  });

  test('a stored pair as stored; the opposite pair inverted to 10 significant digits', () => {
    const rows = [row('EUR', 'USD', '2024-01-15', '1.0825')];
    expect(pickRate(rows, 'EUR', 'USD')).toEqual({
      rate: '1.0825',
      date: '2024-01-15',
      source: 'ECB',
    });
    expect(pickRate(rows, 'USD', 'EUR')).toEqual({
      rate: '0.9237875289',
      date: '2024-01-15',
      source: 'ECB',
    });
    expect(pickRate(rows, 'USD', 'GBP')).toBeNull();
  });

  test('a cross rate through the common base, dated by its older leg', () => {
    const rows = [
      row('EUR', 'USD', '2024-01-12', '1.0825'),
      row('EUR', 'GBP', '2024-01-15', '0.85'),
    ];
    expect(pickRate(rows, 'USD', 'GBP')).toEqual({
      rate: '0.7852193995',
      date: '2024-01-12',
      source: 'ECB',
    });
    expect(pickRate(rows, 'GBP', 'USD')).toEqual({
      rate: '1.273529412',
      date: '2024-01-12',
      source: 'ECB',
    });
  });

  test('the freshest wins; on the same day a stored pair beats an inverse and a cross rate', () => {
    const rows = [
      row('USD', 'GBP', '2023-12-01', '0.79', 'MANUAL'),
      row('EUR', 'USD', '2024-01-12', '1.0825'),
      row('EUR', 'GBP', '2024-01-12', '0.85'),
    ];
    expect(pickRate(rows, 'USD', 'GBP')?.rate).toBe('0.7852193995');
    const sameDay = [...rows, row('GBP', 'USD', '2024-01-12', '1.25', 'MANUAL')];
    expect(pickRate(sameDay, 'USD', 'GBP')).toEqual({
      rate: '0.8',
      date: '2024-01-12',
      source: 'MANUAL',
    });
    const direct = [...sameDay, row('USD', 'GBP', '2024-01-12', '0.81', 'MANUAL')];
    expect(pickRate(direct, 'USD', 'GBP')?.rate).toBe('0.81');
  });
});
