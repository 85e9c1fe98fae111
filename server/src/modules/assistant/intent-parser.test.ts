import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseUtterance, type AssistantContext, type Parsed } from './intent-parser';

const context: AssistantContext = {
  today: '2025-03-15',
  categories: [
    'Food',
    'Transport',
    'Utilities',
    'Entertainment',
    'Health',
    'Rent',
    'Clothing',
    'Shopping',
    'Insurance',
    'Others',
    'KidFood',
    'CreditCardBill',
  ],
  accounts: [
    { name: 'Checking', type: 'CHECKING' },
    { name: 'Savings', type: 'SAVINGS' },
    { name: 'Visa', type: 'CREDIT_CARD' },
    { name: 'Wallet', type: 'CASH' },
  ],
};

interface Golden {
  line: number;
  text: string;
  intent: string;
  values: Record<string, string | null>;
}

function readGolden(): Golden[] {
  const file = path.join(__dirname, '../../../test/fixtures/assistant-golden.txt');
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((raw, index) => ({ raw, line: index + 1 }))
    .filter(({ raw }) => raw.trim() !== '' && !raw.startsWith('#'))
    .map(({ raw, line }) => {
      const [text, intent, values = ''] = raw
        .split(' | ')
        .map((part, i) => (i === 0 ? part : part.trim()));
      return {
        line,
        text: text.trim(),
        intent: intent.replace(/\s*\|$/, ''),
        values: Object.fromEntries(
          values
            .replace(/^\|/, '')
            .split(';')
            .map((pair) => pair.trim())
            .filter(Boolean)
            .map((pair) => {
              const [key, value] = pair.split('=').map((s) => s.trim());
              return [key, value === '-' ? null : value];
            }),
        ),
      };
    });
}

/** The parsed values under the golden set's keys (a period's ends as from/to). */
function valuesOf(parsed: Parsed): Record<string, string | null> {
  const flat: Record<string, unknown> = { ...parsed };
  if ('period' in parsed) {
    flat.from = parsed.period.from;
    flat.to = parsed.period.to;
  }
  return Object.fromEntries(
    Object.entries(flat).map(([key, value]) => [key, typeof value === 'string' ? value : null]),
  );
}

describe('the assistant parser on the golden set', () => {
  const golden = readGolden();

  it('holds at least 300 utterances', () => {
    expect(golden.length).toBeGreaterThanOrEqual(300);
  });

  it('gets the intent right on at least 95 % and every value right on at least 90 %', () => {
    const misses: string[] = [];
    let intentRight = 0;
    let valuesRight = 0;
    for (const item of golden) {
      const parsed = parseUtterance(item.text, context);
      const actual = valuesOf(parsed);
      const intentOk = parsed.intent === item.intent;
      const wrong = Object.entries(item.values).filter(([key, value]) => actual[key] !== value);
      if (intentOk) intentRight++;
      if (intentOk && wrong.length === 0) valuesRight++;
      else
        misses.push(
          `line ${item.line} "${item.text}": got ${parsed.intent} ` +
            wrong.map(([key, value]) => `${key}=${actual[key]} (want ${value})`).join(', '),
        );
    }
    const intentAccuracy = (100 * intentRight) / golden.length;
    const valueExactness = (100 * valuesRight) / golden.length;
    console.log(
      `assistant golden set: ${golden.length} utterances, intent accuracy ${intentAccuracy.toFixed(1)} %, ` +
        `values exact ${valueExactness.toFixed(1)} %\n${misses.join('\n')}`,
    );
    expect(intentAccuracy).toBeGreaterThanOrEqual(95);
    expect(valueExactness).toBeGreaterThanOrEqual(90);
  });

  it('answers 10,000 characters of text quickly', () => {
    const started = process.hrtime.bigint();
    parseUtterance('spent 12 on lunch '.repeat(28).slice(0, 500), context);
    parseUtterance('a1,'.repeat(3400), context);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});
