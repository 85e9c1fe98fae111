import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { AppError } from '../../errors';
import { epcPayload, epcQrDataUrl, EPC_MAX_BYTES } from './epc-qr';
import { requireIban } from './iban';

describe('requireIban', () => {
  it('accepts valid IBANs in any spacing and case, in electronic form', () => {
    expect(requireIban('de89 3704 0044 0532 0130 00', 'iban')).toBe('DE89370400440532013000');
    expect(requireIban('GB82WEST12345698765432', 'iban')).toBe('GB82WEST12345698765432');
    expect(requireIban('NO9386011117947', 'iban')).toBe('NO9386011117947');
  });

  it.each([
    ['DE89370400440532013001', /check digits/],
    ['DE8937040044053201300', /22 characters/],
    ['ZZ89370400440532013000', /country ZZ/],
    ['not an iban', /country code/],
  ])('refuses %s naming the field', (value, message) => {
    try {
      requireIban(value, 'members.1.iban');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe('members.1.iban');
      expect((error as AppError).message).toMatch(message);
    }
  });
});

describe('EPC QR', () => {
  it('writes the EPC069-12 payload line by line', () => {
    expect(
      epcPayload({
        name: 'Bob Builder',
        iban: 'DE89370400440532013000',
        amount: '12.34',
        remittance: 'Trip: from Alice',
      }),
    ).toBe(
      'BCD\n002\n1\nSCT\n\nBob Builder\nDE89370400440532013000\nEUR12.34\n\n\nTrip: from Alice',
    );
  });

  it('keeps within 331 bytes, shortening the remittance, and flattens line breaks', () => {
    const payload = epcPayload({
      name: 'Ü'.repeat(100),
      iban: 'DE89370400440532013000',
      amount: '1.00',
      remittance: 'é\n'.repeat(200),
    });
    expect(Buffer.byteLength(payload, 'utf8')).toBeLessThanOrEqual(EPC_MAX_BYTES);
    const lines = payload.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[5]).toBe('Ü'.repeat(70));
    expect(lines[10]).toMatch(/^(é )+é?$/);
  });

  it('renders a PNG that decodes back to the payload', async () => {
    const payload = epcPayload({
      name: 'Bob',
      iban: 'DE89370400440532013000',
      amount: '5.00',
      remittance: 'Flat',
    });
    const url = await epcQrDataUrl(payload);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const bytes = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    const png = PNG.sync.read(bytes);
    expect(png.width).toBe(png.height);
    expect(png.width).toBeGreaterThanOrEqual(100);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(payload);
  });
});
