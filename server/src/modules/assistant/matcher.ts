/** Names matched to the user's own categories and accounts: exact, by synonym, or with a typo. */

/** Words people use for the default categories; used only when the ledger has that category. */
export const CATEGORY_SYNONYMS: Record<string, string[]> = {
  Food: [
    'food',
    'lunch',
    'dinner',
    'breakfast',
    'brunch',
    'coffee',
    'coffees',
    'groceries',
    'grocery',
    'supermarket',
    'restaurant',
    'restaurants',
    'meal',
    'meals',
    'snack',
    'snacks',
    'pizza',
    'takeaway',
    'takeout',
    'sandwich',
    'burger',
    'sushi',
    'eating out',
    'drinks',
    'beer',
    'cafe',
    'bakery',
    'food shopping',
  ],
  Transport: [
    'transport',
    'transportation',
    'taxi',
    'taxis',
    'uber',
    'cab',
    'bus',
    'train',
    'metro',
    'subway',
    'tram',
    'fuel',
    'petrol',
    'diesel',
    'parking',
    'toll',
    'commute',
    'travel',
  ],
  Utilities: [
    'utilities',
    'utility',
    'electricity',
    'electric bill',
    'power bill',
    'water bill',
    'internet',
    'broadband',
    'phone bill',
    'gas bill',
    'heating',
  ],
  Entertainment: [
    'entertainment',
    'movie',
    'movies',
    'cinema',
    'netflix',
    'spotify',
    'concert',
    'concerts',
    'games',
    'game',
    'theatre',
    'theater',
    'streaming',
    'fun',
  ],
  Health: [
    'health',
    'doctor',
    'pharmacy',
    'medicine',
    'meds',
    'dentist',
    'gym',
    'physio',
    'healthcare',
  ],
  Rent: ['rent'],
  Mortgage: ['mortgage'],
  Insurance: ['insurance'],
  Loan: ['loan', 'loans'],
  CreditCardBill: ['credit card bill', 'card bill'],
  Clothing: ['clothing', 'clothes', 'shoes', 'jacket', 'shirt', 'jeans', 'dress'],
  Shopping: ['shopping', 'amazon', 'online shopping'],
  KidToys: ['toys', 'toy'],
  KidEducation: ['school fees', 'tuition'],
};

/** Optimal string alignment distance: one edit per typo, a swap of neighbours counts once. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** Typos allowed for a word of this length: none for short words, where they change meaning. */
function allowed(length: number): number {
  return length < 4 ? 0 : length < 7 ? 1 : 2;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** The word runs of the text, longest first, each as a phrase ("credit card bill", "card"). */
function phrases(tokens: string[], longest: number): string[] {
  const found: string[] = [];
  for (let size = Math.min(longest, tokens.length); size >= 1; size--) {
    for (let i = 0; i + size <= tokens.length; i++) found.push(tokens.slice(i, i + size).join(' '));
  }
  return found;
}

export interface Candidate<T> {
  value: T;
  /** Lower-case names and synonyms that point at the value. */
  terms: string[];
}

/**
 * The candidate whose term appears in the text: an exact phrase beats a typo, a longer term beats
 * a shorter one, and the earliest in the candidate list wins a tie.
 */
export function bestMatch<T>(text: string, candidates: Candidate<T>[]): T | null {
  const tokens = words(text);
  let best: { value: T; score: number } | null = null;
  for (const candidate of candidates) {
    for (const term of candidate.terms) {
      const size = term.split(' ').length;
      for (const phrase of phrases(tokens, size)) {
        if (phrase.split(' ').length !== size) continue;
        const distance = phrase === term ? 0 : editDistance(phrase, term);
        if (distance > allowed(term.length)) continue;
        const score = term.length * 10 - distance * 25;
        if (!best || score > best.score) best = { value: candidate.value, score };
      }
    }
  }
  return best?.value ?? null;
}

/** Splits "KidFood" and "Credit_Card" into the words a person would type. */
export function nameTerms(name: string): string[] {
  const lower = name.toLowerCase();
  const spaced = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return [...new Set([lower, spaced])];
}

export function categoryCandidates(names: string[]): Candidate<string>[] {
  return names.map((name) => ({
    value: name,
    terms: [...nameTerms(name), ...(CATEGORY_SYNONYMS[name] ?? [])],
  }));
}

const TYPE_WORDS: Record<string, string[]> = {
  SAVINGS: ['savings', 'saving', 'savings account', 'rainy day'],
  CHECKING: ['checking', 'current account', 'main account', 'checking account'],
  CREDIT_CARD: ['credit card', 'card', 'visa', 'mastercard', 'amex'],
  CASH: ['cash', 'wallet'],
  INVESTMENT: ['investments', 'investment', 'brokerage'],
  LOAN: ['loan'],
};

export function accountCandidates(accounts: { name: string; type: string }[]): Candidate<string>[] {
  const byName = accounts.map((a) => ({ value: a.name, terms: nameTerms(a.name) }));
  // The type's words point at an account only when one account has that type.
  const byType = Object.entries(TYPE_WORDS).flatMap(([type, terms]) => {
    const ofType = accounts.filter((a) => a.type === type);
    return ofType.length === 1 ? [{ value: ofType[0].name, terms }] : [];
  });
  return [...byName, ...byType];
}
