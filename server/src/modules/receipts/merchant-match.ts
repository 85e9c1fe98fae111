import { normalisePayee } from '../../lib/payee';

/**
 * Common merchants as their receipts print them, each under the name the user wants to see:
 * what a receipt's top line is matched against when the user's own payees do not match.
 */
export const COMMON_MERCHANTS: Record<string, string[]> = {
  Walmart: ['walmart', 'wal mart', 'walmart supercenter'],
  Target: ['target', 'target store'],
  Costco: ['costco', 'costco wholesale'],
  Kroger: ['kroger'],
  Safeway: ['safeway'],
  'Whole Foods Market': ['whole foods', 'whole foods market'],
  "Trader Joe's": ['trader joe s', 'trader joes'],
  CVS: ['cvs', 'cvs pharmacy'],
  Walgreens: ['walgreens'],
  'Home Depot': ['the home depot', 'home depot'],
  'Best Buy': ['best buy'],
  Starbucks: ['starbucks', 'starbucks coffee'],
  "McDonald's": ['mcdonald s', 'mcdonalds'],
  'Burger King': ['burger king'],
  Subway: ['subway'],
  Tesco: ['tesco', 'tesco express', 'tesco extra', 'tesco metro'],
  'Sainsbury’s': ['sainsbury s', 'sainsburys', 'sainsbury'],
  Asda: ['asda'],
  Morrisons: ['morrisons'],
  Waitrose: ['waitrose'],
  Boots: ['boots'],
  'Pret A Manger': ['pret a manger', 'pret'],
  Lidl: ['lidl'],
  Aldi: ['aldi', 'aldi sud', 'aldi süd', 'aldi nord'],
  REWE: ['rewe', 'rewe markt', 'rewe markt gmbh'],
  Edeka: ['edeka', 'edeka center'],
  Kaufland: ['kaufland'],
  Penny: ['penny', 'penny markt'],
  Netto: ['netto', 'netto marken discount'],
  'dm-drogerie markt': ['dm drogerie markt', 'dm'],
  Rossmann: ['rossmann'],
  MediaMarkt: ['media markt', 'mediamarkt'],
  Carrefour: ['carrefour', 'carrefour market', 'carrefour city'],
  Monoprix: ['monoprix'],
  Auchan: ['auchan'],
  'E.Leclerc': ['leclerc', 'e leclerc'],
  Intermarché: ['intermarche', 'intermarché'],
  Franprix: ['franprix'],
  Migros: ['migros'],
  Coop: ['coop'],
  Denner: ['denner'],
  'Albert Heijn': ['albert heijn'],
  Jumbo: ['jumbo'],
  Mercadona: ['mercadona'],
  Esselunga: ['esselunga'],
  Conad: ['conad'],
  IKEA: ['ikea', 'ikea restaurant'],
  'H&M': ['h m', 'h&m'],
  Zara: ['zara'],
  Primark: ['primark'],
  Decathlon: ['decathlon'],
  Shell: ['shell'],
  Aral: ['aral'],
  Esso: ['esso'],
  BP: ['bp'],
  TotalEnergies: ['totalenergies', 'total energies'],
  Spar: ['spar', 'eurospar', 'interspar'],
  '7-Eleven': ['seven eleven'],
};

export interface MerchantCandidate {
  /** The name the user sees. */
  name: string;
  /** A normalised spelling that names it (normalisePayee). */
  key: string;
  source: 'correction' | 'payee' | 'common';
  category?: string | null;
}

export interface MerchantMatch {
  name: string;
  score: number;
  source: MerchantCandidate['source'] | 'text';
  category: string | null;
  /** The normalised top line it was read from: the key a user's correction is kept under. */
  readKey: string;
}

/** The built-in spellings as candidates. */
export function commonMerchantCandidates(): MerchantCandidate[] {
  return Object.entries(COMMON_MERCHANTS).flatMap(([name, keys]) =>
    keys.map((key) => ({ name, key: normalisePayee(key), source: 'common' as const })),
  );
}

/** 1 for equal strings, towards 0 as the edit distance grows (Levenshtein over the longer). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return 1 - previous[b.length] / Math.max(a.length, b.length);
}

/**
 * How well a receipt line names a candidate: the whole line, or its first words (a line often
 * adds "Supercenter", "GmbH" or a branch). Short keys must match whole words, else "dm" would
 * be found in every line with those two letters.
 */
function lineScore(line: string, key: string): number {
  const words = line.split(' ');
  const keyWords = key.split(' ').length;
  let best = similarity(line, key);
  for (let n = Math.max(1, keyWords - 1); n <= Math.min(words.length, keyWords + 1); n++) {
    for (let start = 0; start + n <= words.length; start++) {
      // Words further along the line weigh a little less than its first ones.
      const weight = 0.97 - start * 0.02;
      best = Math.max(best, similarity(words.slice(start, start + n).join(' '), key) * weight);
    }
  }
  if (key.length <= 3) return words.includes(key) && words.length <= 3 ? Math.max(best, 0.9) : 0;
  return best;
}

// Lines near the top that are not the shop's name: addresses, phone numbers, dates, greetings.
const NOT_A_NAME =
  /(\d{3,}|tel|phone|fax|www|http|@|str(asse|\.)|street|st\b|rue|avenue|road|welcome|willkommen|bienvenue|receipt|beleg|quittung|ticket|kasse|store #|filiale)/i;

const SOURCE_WEIGHT = { correction: 1, payee: 0.99, common: 0.97 } as const;

/**
 * The merchant of a receipt: its top lines matched fuzzily against the user's corrections, the
 * user's payees and the common merchants; without a good match, the first line that looks like a
 * name, with a low confidence.
 */
export function matchMerchant(text: string, candidates: MerchantCandidate[]): MerchantMatch | null {
  const top = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 1)
    .slice(0, 6);
  let best: MerchantMatch | null = null;
  for (const [position, raw] of top.entries()) {
    const line = normalisePayee(raw);
    if (line === '') continue;
    // The first line is most often the name; later lines weigh a little less.
    const placeWeight = 1 - position * 0.03;
    for (const candidate of candidates) {
      if (candidate.key === '') continue;
      const score = lineScore(line, candidate.key) * SOURCE_WEIGHT[candidate.source] * placeWeight;
      if (score >= 0.72 && (!best || score > best.score)) {
        best = {
          name: candidate.name,
          score,
          source: candidate.source,
          category: candidate.category ?? null,
          readKey: line,
        };
      }
    }
  }
  if (best) return best;
  const first = top.find((line) => !NOT_A_NAME.test(line) && normalisePayee(line).length >= 3);
  if (!first) return null;
  return {
    name: first.replace(/\s+/g, ' ').slice(0, 100),
    score: 0.35,
    source: 'text',
    category: null,
    readKey: normalisePayee(first),
  };
}
