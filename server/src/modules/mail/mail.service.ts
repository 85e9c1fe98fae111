import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { log } from '../../log';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  /** Extra headers, such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface MailSettings {
  /** smtp:// or smtps:// URL of the relay; without one, mail goes to the development outbox. */
  smtpUrl?: string;
  from: string;
  /** Where the development outbox writes .eml files. */
  outboxDir: string;
}

/**
 * Sends mail over SMTP, or without SMTP_URL writes each message as an .eml file under
 * DATA_DIR/mail/, so that a local user can still follow a reset link.
 */
export class MailService {
  private readonly transport: Transporter;

  constructor(private readonly settings: MailSettings) {
    this.transport = settings.smtpUrl
      ? nodemailer.createTransport(settings.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get usesOutbox(): boolean {
    return !this.settings.smtpUrl;
  }

  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({ from: this.settings.from, ...message });
    if (this.usesOutbox) {
      fs.mkdirSync(this.settings.outboxDir, { recursive: true });
      const file = path.join(
        this.settings.outboxDir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`,
      );
      fs.writeFileSync(file, (info as unknown as { message: Buffer }).message);
      log('info', 'Mail written to the development outbox', { file, subject: message.subject });
    }
  }

  close(): void {
    this.transport.close();
  }
}
