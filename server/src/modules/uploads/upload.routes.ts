import busboy from 'busboy';
import type { Request, Response, Router } from 'express';
import { AppError, HTTP_STATUS } from '../../errors';
import { log } from '../../log';
import type { Services } from '../../services';
import { authenticateRequest, type Caller } from '../auth/request-auth';
import { UnsupportedUpload } from './upload.service';

// Room for the multipart envelope around the file (boundaries, part headers, a long file name).
const ENVELOPE_BYTES = 64 * 1024;

function refuse(res: Response, status: number, message: string, close = false): void {
  if (res.headersSent) return;
  // After a refusal mid-body, the rest of the body is not read: the connection ends instead.
  if (close) res.set('Connection', 'close');
  res.status(status).json({ error: message });
}

/** Who may upload: the same callers as /graphql, minus READ tokens and cross-site forms. */
async function uploader(req: Request, res: Response, services: Services): Promise<Caller | null> {
  let caller: Caller | null;
  try {
    caller = await authenticateRequest(req, services);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refuse(res, HTTP_STATUS[error.code], error.message);
    return null;
  }
  if (!caller) {
    refuse(res, 401, 'You must be logged in');
    return null;
  }
  // A cross-site HTML form can post multipart with the victim's cookie but cannot set this
  // header; a script with a bearer token is not a browser riding on a cookie.
  if (caller.kind === 'session' && req.get('x-requested-with') !== 'fetch') {
    refuse(res, 403, 'Uploads from a browser must send the header X-Requested-With: fetch');
    return null;
  }
  if (caller.kind === 'token' && caller.token.scope === 'READ') {
    refuse(res, 403, 'This API token can only read; uploading needs a WRITE token');
    return null;
  }
  return caller;
}

/** POST /api/uploads: one file in the multipart field `file`; answers 201 with its summary. */
export function uploadRoutes(router: Router, services: Services, maxBytes: number): void {
  const tooLarge = `The file is larger than the limit of ${maxBytes} bytes`;
  router.post('/api/uploads', async (req, res, next) => {
    try {
      const caller = await uploader(req, res, services);
      if (!caller) return;
      if (Number(req.get('content-length') ?? 0) > maxBytes + ENVELOPE_BYTES) {
        // Refused from the header alone: none of the body is read.
        refuse(res, 413, tooLarge, true);
        return;
      }
      if (!req.is('multipart/form-data')) {
        refuse(res, 415, 'Send the file as multipart/form-data in a field named "file"');
        return;
      }
      const file = await receiveFile(req, maxBytes);
      if (file === 'too-large') {
        refuse(res, 413, tooLarge, true);
        req.unpipe();
        res.on('finish', () => req.destroy());
        return;
      }
      if (file === null) {
        refuse(res, 400, 'No file: send it in the multipart field "file"');
        return;
      }
      const upload = await services.uploads.store(caller.user.id, file.name, file.content);
      res.status(201).json(upload);
    } catch (error) {
      if (error instanceof UnsupportedUpload) {
        refuse(res, 415, error.message);
      } else if (error instanceof MalformedMultipart) {
        refuse(res, 400, error.message);
      } else {
        log('warn', 'Upload failed', { error });
        next(error);
      }
    }
  });
}

class MalformedMultipart extends Error {}

/**
 * The bytes of the field `file`, read while they stay within `maxBytes`: 'too-large' as soon as
 * they do not (what arrived so far is dropped), null when the form has no such field.
 */
function receiveFile(
  req: Request,
  maxBytes: number,
): Promise<{ name: string; content: Buffer } | null | 'too-large'> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxBytes + 1, fields: 10, fieldSize: 1024, parts: 20 },
      });
    } catch (error) {
      reject(new MalformedMultipart((error as Error).message));
      return;
    }
    let received: { name: string; content: Buffer } | null = null;
    let settled = false;
    const settle = (value: { name: string; content: Buffer } | null | 'too-large') => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    // busboy stops at fileSize bytes; one byte more than allowed tells "over" from "exactly".
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || received) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        chunks.length = 0;
        req.unpipe(parser);
        settle('too-large');
      });
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        if (stream.truncated || content.length > maxBytes) settle('too-large');
        else received = { name: info.filename ?? '', content };
      });
    });
    parser.on('close', () => settle(received));
    parser.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      reject(new MalformedMultipart(`The multipart body could not be read: ${error.message}`));
    });
    req.on('aborted', () => settle(null));
    req.pipe(parser);
  });
}
