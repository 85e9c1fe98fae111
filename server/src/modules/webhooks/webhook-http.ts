import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** Ranges a webhook must never reach unless private addresses are allowed (SSRF). */
const blocked = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3], // multicast and reserved, up to 255.255.255.255
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96], // IPv4-mapped: checked as IPv4 below, refused here whatever it maps to
  ['64:ff9b::', 96], // NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true;
}

export class PrivateAddressError extends Error {
  constructor(address: string) {
    super(`Refused: the endpoint resolves to a private address (${address})`);
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * dns.lookup that fails on any private answer. Given to the request as its `lookup`, so the
 * check applies to the very address connected to, on every attempt (DNS rebinding).
 */
function safeLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new PrivateAddressError(bad.address), []);
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

export interface PostResult {
  statusCode: number;
  responseMs: number;
}

export const DELIVERY_TIMEOUT_MS = 10_000;
/** Enough of a response to finish reading it; the rest is dropped and nothing is stored. */
const RESPONSE_READ_MAX = 64 * 1024;

/**
 * POSTs `body` once: no redirects followed (a 3xx is an answer like any other), the whole
 * exchange bounded by `timeoutMs`, private addresses refused unless allowed.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<PostResult> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // An IP literal is connected to without any lookup: checked here instead.
  if (!options.allowPrivate && net.isIP(host) && isPrivateAddress(host)) {
    return Promise.reject(new PrivateAddressError(host));
  }
  const started = Date.now();
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'User-Agent': 'personal-finance-webhooks',
          ...headers,
        },
        ...(options.allowPrivate ? {} : { lookup: safeLookup }),
        agent: false,
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > RESPONSE_READ_MAX) response.destroy();
        });
        const done = () =>
          resolve({ statusCode: response.statusCode ?? 0, responseMs: Date.now() - started });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`Timed out after ${options.timeoutMs ?? DELIVERY_TIMEOUT_MS} ms`));
    }, options.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('close', () => clearTimeout(timer));
    request.end(body);
  });
}
