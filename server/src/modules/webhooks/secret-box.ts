import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { log } from '../../log';

/** A stored secret sealed with this box: `v1:` + base64url(iv | tag | ciphertext). */
const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_FILE = 'webhook-secret.key';

export class SecretBoxError extends Error {}

/**
 * Webhook signing secrets encrypted at rest with AES-256-GCM: a dump or backup of the database
 * alone does not give away the secrets that let anyone forge deliveries. The key is derived
 * (HKDF-SHA256) from WEBHOOK_SECRET_KEY, which never enters the database. A whsec_ secret
 * stored before encryption came in is read as it is, and sealed by the endpoints' sweep.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(
      hkdfSync('sha256', secret, 'personal-finance', 'webhook signing secrets v1', 32),
    );
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64url');
  }

  /** The secret itself, from a sealed or (stored before encryption) plain value. */
  open(stored: string): string {
    if (!isSealed(stored)) return stored;
    const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        'The signing secret cannot be decrypted: WEBHOOK_SECRET_KEY is not the key it was stored with',
      );
    }
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/**
 * The box of this server: WEBHOOK_SECRET_KEY, else a random key made once in DATA_DIR (which
 * instances sharing the directory share; instances that do not must set the variable alike).
 */
export function secretBoxOf(settings: {
  webhookSecretKey?: string;
  dataDir: string;
  nodeEnv?: string;
}): SecretBox {
  if (settings.webhookSecretKey) return new SecretBox(settings.webhookSecretKey);
  if (settings.nodeEnv === 'production') {
    log(
      'warn',
      `WEBHOOK_SECRET_KEY is not set: webhook secrets use the key in DATA_DIR/${KEY_FILE}`,
    );
  }
  return new SecretBox(keyFile(settings.dataDir));
}

function keyFile(dataDir: string): string {
  const file = path.join(dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    // Written whole under another name, then linked: an instance starting at the same moment
    // either makes the file or reads the one already complete, never half of one.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, randomBytes(32).toString('base64'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
