import { confidenceHint } from './ReceiptScan';

describe('how sure a receipt reading is, in words', () => {
  test.each([
    [{ value: 'Lidl', confidence: 0.93 }, 'Read from the receipt.'],
    [{ value: '12.40', confidence: 0.7 }, 'Read from the receipt: worth a check.'],
    [{ value: 'Corner shop', confidence: 0.35 }, 'A guess from the receipt: please check it.'],
    [{ value: null, confidence: 0 }, 'Not found on the receipt: please fill it in.'],
  ])('%j', (field, words) => {
    expect(confidenceHint(field)).toBe(words);
  });
});
