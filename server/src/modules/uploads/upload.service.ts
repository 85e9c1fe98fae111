import { LessThan, type DataSource } from 'typeorm';
import { AppError, notFound } from '../../errors';
import { parseId } from '../../lib/ids';
import { characterCount } from '../../lib/validate';
import { detectContentType } from './content-type';
import { Upload } from './upload.entity';

/** What other modules get back: the file and what is known of it. */
export interface UploadedFile {
  id: string;
  name: string;
  type: string;
  size: number;
  content: Buffer;
}

export type UploadSummary = Omit<UploadedFile, 'content'>;

export const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;
const NAME_MAX = 255;

/** A name safe to store and show: no path, no control characters, at most 255 characters. */
function cleanName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const printable = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  const chars = [...printable];
  const clipped =
    characterCount(printable) > NAME_MAX ? chars.slice(0, NAME_MAX).join('') : printable;
  return clipped.replace(/\p{Cs}/gu, '') || 'upload';
}

export class UploadService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores `content` for `userId` once its type is known from the bytes; 415 (UNSUPPORTED) when
   * it is none of the accepted kinds. Expired uploads are removed on the way.
   */
  async store(
    userId: number,
    name: string | undefined,
    content: Buffer,
    now = new Date(),
  ): Promise<UploadSummary> {
    const detected = detectContentType(content);
    if (!detected.ok) throw new UnsupportedUpload(detected.reason);
    const repository = this.dataSource.getRepository(Upload);
    await repository.delete({ keep: false, expiresAt: LessThan(now) });
    const upload = repository.create({
      userId,
      name: cleanName(name),
      type: detected.type,
      size: content.length,
      content,
      createdAt: now,
      expiresAt: new Date(now.getTime() + UPLOAD_LIFETIME_MS),
      keep: false,
    });
    await repository.insert(upload);
    return { id: String(upload.id), name: upload.name, type: upload.type, size: upload.size };
  }

  /**
   * The user's upload with its content. Another user's upload, an expired one and a missing one
   * all answer NOT_FOUND alike.
   */
  async read(userId: number, uploadId: string | number, now = new Date()): Promise<UploadedFile> {
    const id = parseId(uploadId);
    const upload =
      id === null
        ? null
        : await this.dataSource
            .getRepository(Upload)
            .createQueryBuilder('u')
            .addSelect('u.content')
            .where('u.id = :id AND u.userId = :userId', { id, userId })
            .getOne();
    if (!upload || (!upload.keep && upload.expiresAt < now)) throw notFound('Upload');
    return {
      id: String(upload.id),
      name: upload.name,
      type: upload.type,
      size: upload.size,
      content: Buffer.from(upload.content),
    };
  }

  /** Removes the user's upload once a feature has taken what it needs (a receipt's picture). */
  async discard(userId: number, uploadId: string | number): Promise<void> {
    const id = parseId(uploadId);
    if (id !== null) await this.dataSource.getRepository(Upload).delete({ id, userId });
  }

  /** Keeps the upload past its 24 hours (a receipt that belongs to a transaction). */
  async keep(userId: number, uploadId: string | number): Promise<void> {
    await this.read(userId, uploadId);
    await this.dataSource
      .getRepository(Upload)
      .update({ id: Number(uploadId), userId }, { keep: true });
  }
}

/** Content of a kind the server does not accept: answered 415 by the route. */
export class UnsupportedUpload extends AppError {
  constructor(message: string) {
    super('BAD_USER_INPUT', message, 'file');
    this.name = 'UnsupportedUpload';
  }
}
