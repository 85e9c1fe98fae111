import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
  verified: boolean;
}

/** A real HTTP receiver that verifies signatures and answers with the scripted status codes. */
export async function receiver(statuses: () => number) {
  const requests: Received[] = [];
  let secret = '';
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const header = String(req.headers['x-signature'] ?? '');
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
      const expected = match
        ? createHmac('sha256', secret).update(`${match[1]}.${body}`).digest('hex')
        : '';
      const event = JSON.parse(body) as Omit<Received, 'verified'>;
      requests.push({ ...event, verified: match !== null && match[2] === expected });
      res.statusCode = statuses();
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/hook`,
    requests,
    setSecret: (value: string) => void (secret = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
