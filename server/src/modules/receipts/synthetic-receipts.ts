import sharp from 'sharp';

/**
 * Receipt images with a known merchant, date and total, drawn by sharp from SVG text: the
 * measured fixture set of the OCR (the bench reads all of them, CI a few). Layouts, fonts,
 * languages' number and date formats, currencies, and the damage of real photos (rotation, noise,
 * faded thermal paper, blur, a slanted shot) vary with the index, the same on every machine.
 */
export interface SyntheticReceipt {
  index: number;
  /** As the built-in merchant list spells it: what reading it must answer. */
  merchant: string;
  date: string;
  total: string;
  currency: string;
  description: string;
  image: Buffer;
}

/** A small seeded generator (mulberry32), so that receipt n is the same everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Locale {
  name: string;
  currency: string;
  /** The amount as printed on the receipt's lines. */
  amount: (minor: number) => string;
  date: (iso: string) => string;
  totalLabel: string;
  subtotalLabel: string;
  taxLabel: string;
  paidLabel: string;
}

const group = (digits: string, separator: string) =>
  digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
const decimal = (minor: number, point: string, thousands: string) =>
  `${group(String(Math.floor(minor / 100)), thousands)}${point}${String(minor % 100).padStart(2, '0')}`;
const parts = (iso: string) => iso.split('-');
const EN_MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const DE_MONTHS =
  'Januar Februar März April Mai Juni Juli August September Oktober November Dezember'.split(' ');
const FR_MONTHS = 'janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.'.split(' ');

const LOCALES: Locale[] = [
  {
    name: 'en-US',
    currency: 'USD',
    amount: (m) => `$${decimal(m, '.', ',')}`,
    date: (iso) => {
      const [y, m, d] = parts(iso);
      return `${m}/${d}/${y}`;
    },
    totalLabel: 'TOTAL',
    subtotalLabel: 'SUBTOTAL',
    taxLabel: 'SALES TAX',
    paidLabel: 'VISA ****4821',
  },
  {
    name: 'de-DE',
    currency: 'EUR',
    amount: (m) => decimal(m, ',', '.'),
    date: (iso) => {
      const [y, m, d] = parts(iso);
      return `${d}.${m}.${y}`;
    },
    totalLabel: 'SUMME EUR',
    subtotalLabel: 'Zwischensumme',
    taxLabel: 'MwSt 19%',
    paidLabel: 'Gegeben BAR',
  },
  {
    name: 'fr-FR',
    currency: 'EUR',
    amount: (m) => `${decimal(m, ',', ' ')} €`,
    date: (iso) => {
      const [y, m, d] = parts(iso);
      return `${d}/${m}/${y}`;
    },
    totalLabel: 'TOTAL TTC',
    subtotalLabel: 'SOUS-TOTAL HT',
    taxLabel: 'TVA 20%',
    paidLabel: 'CB EMV',
  },
  {
    name: 'en-GB',
    currency: 'GBP',
    amount: (m) => `£${decimal(m, '.', ',')}`,
    date: (iso) => {
      const [y, m, d] = parts(iso);
      return `${Number(d)} ${EN_MONTHS[Number(m) - 1]} ${y}`;
    },
    totalLabel: 'TOTAL',
    subtotalLabel: 'SUBTOTAL',
    taxLabel: 'VAT 20%',
    paidLabel: 'CONTACTLESS',
  },
  {
    name: 'de-CH',
    currency: 'CHF',
    amount: (m) => decimal(m, '.', "'"),
    date: (iso) => {
      const [y, m, d] = parts(iso);
      return `${d}.${m}.${y.slice(2)}`;
    },
    totalLabel: 'Total CHF',
    subtotalLabel: 'Zwischentotal',
    taxLabel: 'MWST 8.1%',
    paidLabel: 'Maestro',
  },
  {
    name: 'nl-NL',
    currency: 'EUR',
    amount: (m) => `€ ${decimal(m, ',', '.')}`,
    date: (iso) => {
      const [y, m, d] = parts(iso);
      return `${d}-${m}-${y}`;
    },
    totalLabel: 'TOTAAL',
    subtotalLabel: 'Subtotaal',
    taxLabel: 'BTW 9%',
    paidLabel: 'PIN',
  },
  {
    name: 'iso',
    currency: 'EUR',
    amount: (m) => `EUR ${decimal(m, '.', ',')}`,
    date: (iso) => iso,
    totalLabel: 'TOTAL',
    subtotalLabel: 'Subtotal',
    taxLabel: 'VAT',
    paidLabel: 'Card',
  },
  {
    name: 'de-long',
    currency: 'EUR',
    amount: (m) => `${decimal(m, ',', '.')} €`,
    date: (iso) => {
      const [y, m, d] = parts(iso);
      return `${Number(d)}. ${DE_MONTHS[Number(m) - 1]} ${y}`;
    },
    totalLabel: 'Gesamtbetrag',
    subtotalLabel: 'Zwischensumme',
    taxLabel: 'MwSt 7%',
    paidLabel: 'EC-Karte',
  },
  {
    name: 'fr-long',
    currency: 'EUR',
    amount: (m) => `${decimal(m, ',', ' ')} EUR`,
    date: (iso) => {
      const [y, m, d] = parts(iso);
      return `${Number(d)} ${FR_MONTHS[Number(m) - 1]} ${y}`;
    },
    totalLabel: 'TOTAL TTC',
    subtotalLabel: 'Total HT',
    taxLabel: 'TVA 5,5%',
    paidLabel: 'Carte bancaire',
  },
  {
    name: 'en-US-long',
    currency: 'USD',
    amount: (m) => decimal(m, '.', ','),
    date: (iso) => {
      const [y, m, d] = parts(iso);
      return `${EN_MONTHS[Number(m) - 1]} ${Number(d)}, ${y}`;
    },
    totalLabel: 'AMOUNT DUE',
    subtotalLabel: 'Subtotal',
    taxLabel: 'Tax',
    paidLabel: 'MASTERCARD',
  },
];

/** How each merchant may be printed at the top of its receipts; the first is the canonical name. */
const MERCHANTS: [string, string[]][] = [
  ['Walmart', ['WALMART', 'Walmart Supercenter', 'WAL-MART']],
  ['Target', ['TARGET', 'Target Store']],
  ['Tesco', ['TESCO', 'Tesco Express']],
  ['Lidl', ['LIDL', 'Lidl']],
  ['Aldi', ['ALDI SÜD', 'ALDI']],
  ['REWE', ['REWE', 'REWE Markt GmbH']],
  ['Edeka', ['EDEKA', 'Edeka Center']],
  ['Carrefour', ['CARREFOUR', 'Carrefour Market']],
  ['Starbucks', ['STARBUCKS', 'Starbucks Coffee']],
  ['Migros', ['MIGROS', 'Migros']],
  ['Albert Heijn', ['ALBERT HEIJN', 'Albert Heijn']],
  ['IKEA', ['IKEA', 'IKEA Restaurant']],
  ['Monoprix', ['MONOPRIX']],
  ['Sainsbury’s', ["SAINSBURY'S", 'Sainsburys']],
  ['Costco', ['COSTCO WHOLESALE']],
  ['dm-drogerie markt', ['dm-drogerie markt', 'DM DROGERIE MARKT']],
];

const ITEMS = [
  'Milk 1L',
  'Bread',
  'Coffee beans',
  'Apples',
  'Pasta',
  'Cheese',
  'Tomatoes',
  'Yoghurt',
  'Rice 1kg',
  'Bananas',
  'Orange juice',
  'Butter',
  'Eggs x10',
  'Chocolate',
  'Shampoo',
  'Batteries',
  'Notebook',
  'Sandwich',
  'Water 6x1.5L',
  'Detergent',
];

const FONTS = [
  'DejaVu Sans Mono',
  'Liberation Mono',
  'DejaVu Sans',
  'Liberation Sans',
  'DejaVu Serif',
];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');

interface Line {
  text: string;
  right?: string;
  size?: number;
  bold?: boolean;
  center?: boolean;
}

/** The receipt at `index` of the set: the same picture and truth on every run. */
export async function syntheticReceipt(index: number): Promise<SyntheticReceipt> {
  const rnd = random(0x5eed + index * 7919);
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)];
  const locale = LOCALES[index % LOCALES.length];
  const [merchant, spellings] = MERCHANTS[index % MERCHANTS.length];
  const printed = pick(spellings);
  const year = 2024 + Math.floor(rnd() * 2);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const items = Array.from({ length: 2 + Math.floor(rnd() * 6) }, () => ({
    name: pick(ITEMS),
    minor: 49 + Math.floor(rnd() * (index % 5 === 0 ? 90_000 : 2_500)),
  }));
  const totalMinor = items.reduce((sum, item) => sum + item.minor, 0);
  const taxMinor = Math.round(totalMinor * 0.16);
  const font = FONTS[Math.floor(index / LOCALES.length) % FONTS.length];
  const size = 20 + Math.floor(rnd() * 8);
  const width = 520 + Math.floor(rnd() * 200);
  const cashGiven = locale.paidLabel === 'Gegeben BAR';
  const paid = cashGiven ? Math.ceil(totalMinor / 1000) * 1000 + 1000 : totalMinor;

  const lines: Line[] = [
    { text: printed, size: Math.round(size * 1.5), bold: true, center: true },
    {
      text: `${10 + (index % 80)} ${pick(['Main Street', 'Hauptstr.', 'Rue de Paris', 'High St'])}`,
      center: true,
    },
    { text: `Tel. 0${100 + index} ${400000 + index * 37}`, center: true },
    { text: '' },
    {
      text: `${locale.date(date)}  ${String(8 + (index % 12)).padStart(2, '0')}:${String((index * 7) % 60).padStart(2, '0')}`,
    },
    { text: `Receipt ${1000 + index * 13}` },
    { text: '' },
    ...items.map((item) => ({ text: item.name, right: locale.amount(item.minor) })),
    { text: '' },
    { text: locale.subtotalLabel, right: locale.amount(totalMinor - taxMinor) },
    { text: locale.taxLabel, right: locale.amount(taxMinor) },
    {
      text: locale.totalLabel,
      right: locale.amount(totalMinor),
      bold: true,
      size: Math.round(size * 1.2),
    },
    { text: '' },
    { text: locale.paidLabel, right: locale.amount(paid) },
    ...(cashGiven ? [{ text: 'Rückgeld', right: locale.amount(paid - totalMinor) }] : []),
    { text: '' },
    { text: pick(['Thank you!', 'Vielen Dank', 'Merci de votre visite', 'Bedankt']), center: true },
  ];
  const lineHeight = (line: Line) => Math.round((line.size ?? size) * 1.45);
  const height = 60 + lines.reduce((sum, line) => sum + lineHeight(line), 0);
  let y = 40;
  const texts = lines.map((line) => {
    y += lineHeight(line);
    const attrs = `font-family="${font}" font-size="${line.size ?? size}"${line.bold ? ' font-weight="bold"' : ''}`;
    const left = line.center
      ? `<text x="${width / 2}" y="${y}" text-anchor="middle" ${attrs}>${escapeXml(line.text)}</text>`
      : `<text x="28" y="${y}" ${attrs}>${escapeXml(line.text)}</text>`;
    const right = line.right
      ? `<text x="${width - 28}" y="${y}" text-anchor="end" ${attrs}>${escapeXml(line.right)}</text>`
      : '';
    return left + right;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#fdfdf8"/>${texts.join('\n')}</svg>`;

  // The damage of a real photo, more of it on some receipts than on others.
  const faded = index % 4 === 1;
  const noisy = index % 3 === 2;
  const blurred = index % 7 === 3;
  const slanted = index % 9 === 5;
  const angle = (rnd() - 0.5) * 3;
  let image = sharp(Buffer.from(svg), { density: 72 * (1 + (index % 3) * 0.5) }).flatten({
    background: '#ffffff',
  });
  if (faded) image = image.linear(0.45, 130);
  if (blurred) image = image.blur(0.9);
  let buffer: Buffer = await image.png().toBuffer();
  if (noisy) buffer = await addNoise(buffer, rnd);
  let shot = sharp(buffer).rotate(angle, { background: '#e8e6df' });
  if (slanted) shot = shot.affine([1, 0.03, 0.015, 1], { background: '#e8e6df' });
  const jpeg = index % 2 === 0;
  const out = jpeg ? await shot.jpeg({ quality: 82 }).toBuffer() : await shot.png().toBuffer();
  return {
    index,
    merchant,
    date,
    total: decimal(totalMinor, '.', ''),
    currency: locale.currency,
    description: `${locale.name}, ${font}${faded ? ', faded' : ''}${noisy ? ', noisy' : ''}${blurred ? ', blurred' : ''}${slanted ? ', slanted' : ''}, ${angle.toFixed(1)}°`,
    image: out,
  };
}

/** Speckles of sensor noise laid over the picture. */
async function addNoise(png: Buffer, rnd: () => number): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(png).metadata();
  const noise = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const speck = rnd() < 0.04;
    const v = speck ? Math.floor(rnd() * 160) : 0;
    noise[i * 4] = v;
    noise[i * 4 + 1] = v;
    noise[i * 4 + 2] = v;
    noise[i * 4 + 3] = speck ? 140 : 0;
  }
  return sharp(png)
    .composite([{ input: noise, raw: { width, height, channels: 4 } }])
    .png()
    .toBuffer();
}

export const SYNTHETIC_RECEIPT_COUNT = 48;
