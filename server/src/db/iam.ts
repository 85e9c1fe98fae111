import { Signer } from '@aws-sdk/rds-signer';

/** What signs a token: `@aws-sdk/rds-signer`'s Signer, or a stand-in in tests. */
export interface TokenSigner {
  getAuthToken(): Promise<string>;
}

/** The endpoint a token is for: RDS tokens are signed for one host, port and user. */
export interface TokenEndpoint {
  host: string;
  port: number;
  user: string;
  region: string;
}

export type SignerFactory = (endpoint: TokenEndpoint) => TokenSigner;

/**
 * The real signer. Credentials come from the AWS SDK's default provider chain (environment,
 * profile, EC2 instance role, ...): this code reads none.
 */
export const rdsSigner: SignerFactory = (endpoint) =>
  new Signer({
    hostname: endpoint.host,
    port: endpoint.port,
    username: endpoint.user,
    region: endpoint.region,
  });

/** Where a token was for, for messages: never the token. */
export function describeEndpoint(endpoint: TokenEndpoint): string {
  return `${endpoint.user}@${endpoint.host}:${endpoint.port}, region ${endpoint.region}`;
}

/** A token could not be made: no credentials, no region, a signer failure. */
export class AuthTokenError extends Error {
  readonly code = 'AUTH_TOKEN_UNAVAILABLE';
  constructor(endpoint: TokenEndpoint, cause: unknown) {
    super(`Could not generate auth token (${describeEndpoint(endpoint)}): ${oneLine(cause)}`);
    this.name = 'AuthTokenError';
  }
}

/** An error as one line of text, for operators' logs. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/^(\w*Error: )+/, '')
    .trim();
}

/** RDS tokens live 15 minutes; one is never handed out past this age. */
export const TOKEN_MAX_AGE_MS = 10 * 60_000;

/**
 * Tokens for one endpoint: a token is made when a new connection needs one and the last is older
 * than `maxAgeMs` (or was refused), and concurrent requests share one signing.
 */
export class AuthTokenSource {
  private token?: { value: string; madeAt: number };
  private pending?: Promise<string>;
  /** How many tokens were signed: tests read it. */
  signed = 0;

  constructor(
    readonly endpoint: TokenEndpoint,
    private readonly signer: TokenSigner,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = TOKEN_MAX_AGE_MS,
  ) {}

  get(): Promise<string> {
    if (this.token && this.now() - this.token.madeAt < this.maxAgeMs) {
      return Promise.resolve(this.token.value);
    }
    this.pending ??= this.sign().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The database refused the last token: the next connection signs a new one. */
  invalidate(): void {
    this.token = undefined;
  }

  private async sign(): Promise<string> {
    const madeAt = this.now();
    let value: string;
    try {
      value = await this.signer.getAuthToken();
    } catch (error) {
      throw new AuthTokenError(this.endpoint, error);
    }
    if (typeof value !== 'string' || value === '') {
      throw new AuthTokenError(this.endpoint, 'the signer returned an empty token');
    }
    this.signed++;
    this.token = { value, madeAt };
    return value;
  }
}
