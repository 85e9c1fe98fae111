import type { ApiClient } from './api-client';

export interface UploadAnswer {
  status: number;
  body: { id?: string; name?: string; size?: number; type?: string; error?: string };
}

/**
 * POST /api/uploads as the web client sends it (session cookie and X-Requested-With: fetch), or
 * as a script does (`bearer`); `headers` replaces the defaults for tests of the refusals.
 */
export async function upload(
  client: ApiClient,
  content: Buffer | string,
  options: {
    name?: string;
    declaredType?: string;
    bearer?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<UploadAnswer> {
  const form = new FormData();
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  form.append(
    'file',
    new Blob([new Uint8Array(bytes)], { type: options.declaredType ?? 'application/octet-stream' }),
    options.name ?? 'file.bin',
  );
  const cookie = [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  const headers: Record<string, string> = options.headers ?? {
    ...(options.bearer
      ? { authorization: `Bearer ${options.bearer}` }
      : { 'x-requested-with': 'fetch' }),
    ...(cookie && !options.bearer ? { cookie } : {}),
  };
  const response = await fetch(`${client.url}/api/uploads`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  let body: UploadAnswer['body'] = {};
  try {
    body = JSON.parse(text) as UploadAnswer['body'];
  } catch {
    body = { error: text };
  }
  return { status: response.status, body };
}

export async function createToken(client: ApiClient, scope: 'READ' | 'WRITE'): Promise<string> {
  const { createApiToken } = await client.data<{ createApiToken: { token: string } }>(
    'mutation($scope: TokenScope!) { createApiToken(name: "script", scope: $scope) { token } }',
    { scope },
  );
  return createApiToken.token;
}
