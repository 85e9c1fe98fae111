import { zipSync } from 'fflate';

/**
 * Generated files in the formats of the European Central Bank's reference rates, so that tests
 * need no copy of the real ones.
 */
export type EcbDay = { date: string; rates: Record<string, string> };

export function ecbDailyXml(days: EcbDay[]): string {
  const cubes = days
    .map(
      ({ date, rates }) =>
        `\t\t<Cube time='${date}'>\n` +
        Object.entries(rates)
          .map(([currency, rate]) => `\t\t\t<Cube currency='${currency}' rate='${rate}'/>\n`)
          .join('') +
        '\t\t</Cube>\n',
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" ' +
    'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">\n' +
    '\t<gesmes:subject>Reference rates</gesmes:subject>\n' +
    '\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n' +
    `\t<Cube>\n${cubes}\t</Cube>\n</gesmes:Envelope>\n`
  );
}

/** `eurofxref-hist.csv`: newest day first, `N/A` for a missing rate, a trailing comma per line. */
export function ecbHistoryCsv(currencies: string[], days: EcbDay[]): string {
  const header = `Date, ${currencies.join(', ')}, `;
  const lines = days.map(
    ({ date, rates }) => `${date}, ${currencies.map((c) => rates[c] ?? 'N/A').join(', ')}, `,
  );
  return `${[header, ...lines].join('\n')}\n`;
}

export function zipOf(files: Record<string, string | Uint8Array>): Buffer {
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, content]) => [
      name,
      typeof content === 'string' ? new TextEncoder().encode(content) : content,
    ]),
  );
  return Buffer.from(zipSync(entries));
}

/** `count` working days back from `last`, newest first, with every currency a made-up rate. */
export function ecbHistory(currencies: string[], count: number, last = '2024-06-28'): EcbDay[] {
  const days: EcbDay[] = [];
  const date = new Date(`${last}T00:00:00Z`);
  while (days.length < count) {
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      const day = date.toISOString().slice(0, 10);
      const rates: Record<string, string> = {};
      currencies.forEach((currency, i) => {
        rates[currency] =
          `${1 + i}.${String(1000 + ((days.length * 7 + i * 13) % 9000)).padStart(4, '0')}`;
      });
      days.push({ date: day, rates });
    }
    date.setUTCDate(date.getUTCDate() - 1);
  }
  return days;
}
