import { parsePriceFile, PriceFileError, type PriceRow } from './price-file';

export const PROVIDER_MAX_BYTES = 1024 * 1024;
export const PROVIDER_TIMEOUT_MS = 10_000;

export class PriceProviderError extends Error {}

/**
 * Latest closes from PRICES_URL: GET `<url>?symbols=AAPL,VWCE.DE` answering CSV
 * `date,symbol,close` (the import format). The answer is untrusted: size capped while reading,
 * no redirects, a timeout, parsed like an upload.
 */
export async function fetchProviderPrices(
  url: string,
  symbols: string[],
  timeoutMs = PROVIDER_TIMEOUT_MS,
): Promise<PriceRow[]> {
  const target = new URL(url);
  target.searchParams.set('symbols', symbols.join(','));
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(target, { redirect: 'error', signal, headers: { accept: 'text/csv' } });
  } catch (error) {
    throw new PriceProviderError(
      signal.aborted
        ? `The price provider did not answer within ${timeoutMs / 1000} s`
        : `The price provider could not be reached (${(error as Error).message})`,
    );
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new PriceProviderError(`The price provider answered HTTP ${response.status}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > PROVIDER_MAX_BYTES) {
        await reader.cancel();
        throw new PriceProviderError(
          `The price provider's answer is larger than ${PROVIDER_MAX_BYTES} bytes`,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PriceProviderError) throw error;
    throw new PriceProviderError(
      `The price provider's answer broke off (${(error as Error).message})`,
    );
  }
  try {
    const rows = parsePriceFile(Buffer.concat(chunks).toString('utf8'));
    if (rows.some((r) => r.symbol === null)) throw new PriceFileError('rows without a symbol');
    if (rows.length === 0) throw new PriceFileError('no prices in it');
    return rows;
  } catch (error) {
    if (error instanceof PriceFileError) {
      throw new PriceProviderError(`The price provider's answer is not usable: ${error.message}`);
    }
    throw error;
  }
}
