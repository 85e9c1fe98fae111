import { findAmounts, type FoundAmount } from './amount';
import { accountCandidates, bestMatch, categoryCandidates } from './matcher';
import { findDay, findPeriod, type Period, type Span } from './period';

/** What the parser knows of the user: fixed in the tests, read from the ledger in the service. */
export interface AssistantContext {
  /** The user's calendar day, in their time zone. */
  today: string;
  categories: string[];
  accounts: { name: string; type: string }[];
}

export interface Entry {
  amount: string;
  /** Written by the user; null means the account's own currency. */
  currency: string | null;
  date: string;
  description: string;
}

export type Parsed =
  | ({
      intent: 'log_expense';
      category: string | null;
      payee: string | null;
      account: string | null;
    } & Entry)
  | ({ intent: 'log_income'; account: string | null } & Entry)
  | ({ intent: 'transfer'; from: string | null; to: string | null } & Entry)
  | { intent: 'spending'; category: string | null; payee: string | null; period: Period }
  | { intent: 'biggest_category'; period: Period }
  | { intent: 'budget_status' }
  | { intent: 'balance'; account: string | null }
  | { intent: 'bill_due'; subject: string | null }
  | { intent: 'advice' }
  | { intent: 'help' };

export type Intent = Parsed['intent'];

const QUESTION =
  /^\s*(how|what|what's|whats|which|when|when's|whens|where|am|do|did|is|are|have|has|can|could|should|show|tell|give|list)\b|\?\s*$/i;
const ADVICE =
  /\b(save more|saving more|save money|spend less|cut (back|down|costs?|spending)|advice|advise|tips?|budget better|reduce (my )?(spending|costs?|expenses)|where can i save|how (can|do|could|should) i save)\b/i;
const BILL =
  /\b(due|next (payment|bill)|when (is|do i pay|does|will|'s)|when's|whens|renews?|renewal)\b/i;
const BUDGET =
  /\b(over|under|within|on track|blow(n)?|exceed(ed)?|overspen\w*|left in)\b.*\bbudgets?\b|\bbudgets?\b.*\b(status|left|look|going|ok|okay)\b|\bover ?budget\b|\bhow('s| is| are) my budgets?\b/i;
const BALANCE =
  /\b(balances?|how much (\w+ )?(do i have|is there|have i got|is left)|what'?s in my|what is in my|how much is in)\b/i;
const BIGGEST =
  /\b(category|categories)\b.*\b(most|biggest|highest|largest)\b|\b(biggest|largest|highest|top|most|main)\b.*\b(category|categories|expense|spending|spend|cost|money go)\b|\bwhere (does|did) (all )?my money go\b|\bwhat did i spend (the )?most on\b/i;
const SPENDING =
  /\bhow much (on|for|at)\b|\b(spen[dt]|spending|cost|costs|paid|pay for|expenses?|outgoings|blow|blew)\b/i;
const TRANSFER =
  /\b(move|moved|moving|transfer|transferred|transfering|transferring|trasnfer|put|sent|send|shift|moved over|top(ped)? up|stash(ed)?)\b/i;
const INCOME =
  /\b(got paid|get paid|paid me|earned|earn|received|recieved|receive|income|salary|paycheck|paycheque|payday|wage|wages|bonus|refund|refunded|reimbursed|reimbursement|freelance|invoice paid|dividend|got\s+(?:\S+\s+)?from|sold)\b/i;
const EXPENSE =
  /\b(spent|spend|spending|paid|pay|bought|buy|cost|costs|purchased?|charged|expense|bill|tipped|donated)\b/i;
const HELP = /\b(help|what can you do|how do(es)? (this|you) work|commands|hello|hi|hey)\b/i;

/** Words after which a payee's name ends. */
const STOP = new Set(
  'on for in at with using from to yesterday today tonight last this by via and the a an my of ago around about since this'.split(
    ' ',
  ),
);

function mask(text: string, spans: Span[]): string {
  let out = text;
  for (const { start, end } of spans)
    out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out;
}

/** The money of an entry: a number with a currency, else the one after "for"/"of", else the first. */
function pickAmount(amounts: FoundAmount[], text: string): FoundAmount | null {
  if (amounts.length === 0) return null;
  const marked = amounts.find((a) => a.marked);
  if (marked) return marked;
  const cued = amounts.find((a) =>
    /\b(for|of|spent|paid|cost|costs|was|is|=|:)\s*$/i.test(text.slice(0, a.start)),
  );
  if (cued) return cued;
  const decimal = amounts.find((a) => a.amount.includes('.'));
  return decimal ?? amounts[amounts.length - 1];
}

/** The words after "at" (a shop) up to a word that ends the name, as the user wrote them. */
function payeeAfter(text: string, cue: RegExp): string | null {
  const match = text.match(cue);
  if (!match || match.index === undefined) return null;
  const rest = text.slice(match.index + match[0].length);
  const name: string[] = [];
  for (const word of rest.split(/\s+/)) {
    const bare = word.replace(/[.,!?;:]+$/, '');
    if (!bare || STOP.has(bare) || /^\d/.test(bare)) break;
    name.push(bare.replace(/['’]s$/, ''));
    if (bare !== word || name.length === 3) break;
  }
  return name.length ? name.join(' ') : null;
}

/** What the entry was for: the words after "on"/"for", else the given fallback. */
function describe(text: string, fallback: string): string {
  const match = text.match(
    /\b(?:on|for)\s+(?:a |an |some |the |my )?([a-z][\w'-]*(?: [a-z][\w'-]*)?)/i,
  );
  const said: string[] = [];
  for (const word of match?.[1].split(' ') ?? []) {
    if (STOP.has(word.toLowerCase())) break;
    said.push(word);
  }
  const chosen = said.join(' ') || fallback;
  return (chosen.charAt(0).toUpperCase() + chosen.slice(1)).slice(0, 200);
}

function entry(text: string, context: AssistantContext): { entry: Entry; rest: string } | null {
  const day = findDay(text, context.today);
  const rest = mask(text, day ? [day] : []);
  const amount = pickAmount(findAmounts(rest), rest);
  if (!amount) return null;
  const words = mask(rest, [amount]);
  return {
    entry: {
      amount: amount.amount,
      currency: amount.currency,
      date: day?.day ?? context.today,
      description: '',
    },
    rest: words,
  };
}

function accountAfter(text: string, cue: RegExp, context: AssistantContext): string | null {
  const match = text.match(cue);
  if (!match || match.index === undefined) return null;
  const after = text.slice(match.index + match[0].length);
  const until = after.search(/\b(to|into|from|on|with|for)\b/i);
  return bestMatch(until > 0 ? after.slice(0, until) : after, accountCandidates(context.accounts));
}

const BILL_FILLER = new Set(
  "when whens when's is are does do i pay my the our next whats what's what will anything any bills bill payment payments due soon this week month coming up".split(
    ' ',
  ),
);

/** What a "when is ... due" question is about ("rent", "netflix"); null for any bill. */
function billSubject(text: string): string | null {
  const words = text
    .toLowerCase()
    .replace(/[?!.,]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let first = 0;
  while (first < words.length && BILL_FILLER.has(words[first])) first++;
  const subject: string[] = [];
  for (const word of words.slice(first)) {
    if (/^(due|payment|bill|renews?|renewal|coming|soon|next)$/.test(word)) break;
    subject.push(word);
  }
  return subject.length ? subject.join(' ') : null;
}

function question(text: string, context: AssistantContext): Parsed | null {
  const period = () => findPeriod(text, context.today);
  if (ADVICE.test(text)) return { intent: 'advice' };
  if (BUDGET.test(text)) return { intent: 'budget_status' };
  if (BILL.test(text) && !SPENDING.test(text.replace(/\bpay\b/gi, ''))) {
    const subject = billSubject(text);
    return { intent: 'bill_due', subject };
  }
  if (BIGGEST.test(text)) {
    return {
      intent: 'biggest_category',
      period: period() ?? findPeriod('this month', context.today)!,
    };
  }
  if (BALANCE.test(text) && !SPENDING.test(text)) {
    return { intent: 'balance', account: bestMatch(text, accountCandidates(context.accounts)) };
  }
  if (SPENDING.test(text)) {
    const found = period();
    const rest = mask(text, found ? [found] : []);
    return {
      intent: 'spending',
      category: bestMatch(rest, categoryCandidates(context.categories)),
      payee: payeeAfter(rest, /\b(?:at|on)\s+(?=[A-Z])/),
      period: found ?? findPeriod('this month', context.today)!,
    };
  }
  return null;
}

/** Whether the text asks what the assistant can do (rather than saying something it missed). */
export function asksForHelp(text: string): boolean {
  return HELP.test(text);
}

/**
 * Plain language to an intent and its values, as a pure function of the text and the user's
 * context: the rules stand on their own, fast and testable, with no model to download.
 */
export function parseUtterance(raw: string, context: AssistantContext): Parsed {
  const text = raw
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return { intent: 'help' };
  const asked = QUESTION.test(text);
  if (asked) {
    const answer = question(text, context);
    if (answer) return answer;
  }
  if (ADVICE.test(text)) return { intent: 'advice' };

  const found = entry(text, context);
  if (found) {
    const { rest } = found;
    if (
      TRANSFER.test(rest) &&
      /\b(to|into|in|from)\b/i.test(rest) &&
      !EXPENSE.test(rest.replace(/\bpaid\b/i, ''))
    ) {
      const to = accountAfter(rest, /\b(?:to|into|in)\b/i, context);
      const from = accountAfter(rest, /\bfrom\b/i, context);
      return {
        intent: 'transfer',
        ...found.entry,
        from: from && from !== to ? from : null,
        to,
        description: to ? `Transfer to ${to}` : 'Transfer',
      };
    }
    if (INCOME.test(rest)) {
      const account = accountAfter(rest, /\b(?:into|to|in)\b/i, context);
      const label = /salary|paid|paycheck|paycheque|payday|wage/i.test(rest)
        ? 'Salary'
        : /refund|reimburs/i.test(rest)
          ? 'Refund'
          : /bonus/i.test(rest)
            ? 'Bonus'
            : 'Income';
      return { intent: 'log_income', ...found.entry, account, description: label };
    }
    if (!asked || EXPENSE.test(rest)) {
      const payee = payeeAfter(rest, /\b(?:at|@)\s*/i);
      const withoutPayee = payee ? rest.replace(payee, ' ') : rest;
      const category = bestMatch(withoutPayee, categoryCandidates(context.categories));
      const account = accountAfter(
        rest,
        /\b(?:with|using|from|on) (?:my |the )?(?=\w+ ?(card|account|cash|wallet|visa|amex|mastercard))/i,
        context,
      );
      const spoken = withoutPayee
        .replace(/\b(with|using|at)\b.*$/i, ' ')
        .replace(
          /\b(spent|paid|pay|bought|buy|cost|costs|purchased?|charged|i|just|for|on|a|an|the|some|my|with|using|card|cash)\b/gi,
          ' ',
        )
        .replace(/[^\p{L}\s'-]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      const description = describe(
        withoutPayee,
        spoken.split(' ').slice(0, 3).join(' ') || payee || category || 'Expense',
      );
      return { intent: 'log_expense', ...found.entry, category, payee, account, description };
    }
  }
  if (!asked && !found) {
    const answer = question(text, context);
    if (answer && answer.intent !== 'spending') return answer;
  }
  if (HELP.test(text)) return { intent: 'help' };
  return { intent: 'help' };
}
