import { EcbFileError, parseEcbXml, type EcbRate } from './ecb-files';

/** An answer of the provider beyond this is refused: the ECB's daily file is about 2 KB. */
export const PROVIDER_MAX_BYTES = 1024 * 1024;
export const PROVIDER_TIMEOUT_MS = 10_000;

export class ProviderError extends Error {}

/**
 * Today's rates from `url`, which answers in the ECB's daily XML format. The answer is untrusted:
 * its size is capped while reading, redirects are not followed, and it is parsed like an upload.
 */
export async function fetchProviderRates(
  url: string,
  timeoutMs = PROVIDER_TIMEOUT_MS,
): Promise<EcbRate[]> {
  let response: Response;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    response = await fetch(url, {
      redirect: 'error',
      signal,
      headers: { accept: 'application/xml' },
    });
  } catch (error) {
    throw new ProviderError(
      signal.aborted
        ? `The rates provider did not answer within ${timeoutMs / 1000} s`
        : `The rates provider could not be reached (${(error as Error).message})`,
    );
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new ProviderError(`The rates provider answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > PROVIDER_MAX_BYTES) {
    await response.body?.cancel();
    throw new ProviderError(
      `The rates provider's answer is larger than ${PROVIDER_MAX_BYTES} bytes`,
    );
  }
  const text = await readCapped(response, signal);
  try {
    return parseEcbXml(text);
  } catch (error) {
    if (error instanceof EcbFileError) {
      throw new ProviderError(`The rates provider's answer is not usable: ${error.message}`);
    }
    throw error;
  }
}

async function readCapped(response: Response, signal: AbortSignal): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > PROVIDER_MAX_BYTES) {
        await reader.cancel();
        throw new ProviderError(
          `The rates provider's answer is larger than ${PROVIDER_MAX_BYTES} bytes`,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw new ProviderError(
      signal.aborted
        ? 'The rates provider did not finish its answer in time'
        : `The rates provider's answer broke off (${(error as Error).message})`,
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}
