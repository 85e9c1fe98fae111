import fs from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import tls from 'node:tls';

/**
 * Just enough of an RDS MySQL endpoint, on 127.0.0.1, to see what a client sends at sign-in for
 * an IAM user: it offers TLS, takes the client's upgrade, then (as RDS does for a user
 * IDENTIFIED WITH AWSAuthenticationPlugin) asks it to switch to `mysql_clear_password`, records
 * the token that comes back, and accepts the connection. Nothing else is spoken.
 */
export interface FakeRds {
  port: number;
  /** One entry per sign-in: what the client answered the auth switch with, and over what. */
  signIns: { user: string; token: string; encrypted: boolean }[];
  close(): Promise<void>;
}

const CAPABILITIES = 0x1 | 0x8 | 0x200 | 0x800 | 0x2000 | 0x8000 | 0x80000 | 0x200000; // ... SSL, PLUGIN_AUTH

function packet(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header[3] = sequence;
  return Buffer.concat([header, payload]);
}

function greeting(): Buffer {
  const capabilities = Buffer.alloc(4);
  capabilities.writeUInt32LE(CAPABILITIES);
  return Buffer.concat([
    Buffer.from([0x0a]),
    Buffer.from('8.0.36-fake-rds\0'),
    Buffer.from([1, 0, 0, 0]),
    Buffer.alloc(8, 0x61), // auth data part 1
    Buffer.from([0]),
    capabilities.subarray(0, 2),
    Buffer.from([45, 2, 0]), // utf8mb4, autocommit status
    capabilities.subarray(2, 4),
    Buffer.from([21]),
    Buffer.alloc(10),
    Buffer.concat([Buffer.alloc(12, 0x62), Buffer.from([0])]), // auth data part 2
    Buffer.from('mysql_native_password\0'),
  ]);
}

/** Reads whole packets from a stream, one at a time; `detach` hands back what is left. */
function packets(stream: Socket | tls.TLSSocket) {
  let buffered = Buffer.alloc(0);
  const waiting: ((payload: Buffer) => void)[] = [];
  const ready: Buffer[] = [];
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUIntLE(0, 3)) {
      const length = buffered.readUIntLE(0, 3);
      const payload = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      const next = waiting.shift();
      if (next) next(payload);
      else ready.push(payload);
    }
  };
  stream.on('data', onData);
  const next = () =>
    new Promise<Buffer>((resolve) => {
      const payload = ready.shift();
      if (payload) resolve(payload);
      else waiting.push(resolve);
    });
  const detach = () => {
    stream.off('data', onData);
    stream.pause();
    if (buffered.length) stream.unshift(buffered);
  };
  return { next, detach };
}

export async function fakeRds(certificate: { cert: string; key: string }): Promise<FakeRds> {
  const signIns: FakeRds['signIns'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(packet(0, greeting()));
    const plain = packets(socket);
    const request = await plain.next();
    // A 32-byte answer with the SSL flag is the client's request to upgrade.
    const wantsTls = request.length === 32 && (request.readUInt32LE(0) & 0x800) !== 0;
    let stream: Socket | tls.TLSSocket = socket;
    let next = plain.next;
    let response = request;
    if (wantsTls) {
      plain.detach();
      stream = new tls.TLSSocket(socket, {
        isServer: true,
        cert: fs.readFileSync(certificate.cert),
        key: fs.readFileSync(certificate.key),
      });
      stream.on('error', () => undefined);
      next = packets(stream).next;
      response = await next();
    }
    // HandshakeResponse41: flags, max packet, charset, 23 zero bytes, then the user name.
    const userStart = 4 + 4 + 1 + 23;
    const user = response.toString('utf8', userStart, response.indexOf(0, userStart));
    const sequence = wantsTls ? 3 : 2;
    stream.write(
      packet(sequence, Buffer.concat([Buffer.from([0xfe]), Buffer.from('mysql_clear_password\0')])),
    );
    const answer = await next();
    const token = answer.toString('utf8').replace(/\0$/, '');
    signIns.push({ user, token, encrypted: stream instanceof tls.TLSSocket });
    stream.write(packet(sequence + 2, Buffer.from([0, 0, 0, 2, 0, 0, 0])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    signIns,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
