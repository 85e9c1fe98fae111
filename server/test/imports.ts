import type { ApiClient } from './api-client';
import { upload } from './uploads';

export const PREVIEW = `mutation($uploadId: ID!, $accountId: ID!, $format: ImportFormat, $mapping: CsvMapping) {
  previewImport(uploadId: $uploadId, accountId: $accountId, format: $format, mapping: $mapping) {
    importId format total duplicates likelyDuplicates mapping header dateFormats savedMapping
    rows { line date description payee amount currency kind category { id name } categoryName duplicate likelyDuplicate }
    errors { line field message }
  }
}`;

export const COMMIT = `mutation($id: ID!, $skip: Boolean) {
  commitImport(importId: $id, skipLikelyDuplicates: $skip) {
    importId status imported skippedDuplicates failed progress accountId from to
    errors { line field message }
  }
}`;

export const STATUS = `query($id: ID!) {
  importStatus(importId: $id) {
    importId status imported skippedDuplicates failed progress accountId from to
    errors { line field message }
  }
}`;

export interface ImportResultView {
  importId: string;
  status: string;
  imported: number;
  skippedDuplicates: number;
  failed: number;
  progress: number;
  accountId: string;
  from: string | null;
  to: string | null;
  errors: { line: number; field: string | null; message: string }[];
}

export interface PreviewView {
  importId: string;
  format: string;
  total: number;
  duplicates: number;
  likelyDuplicates: number;
  mapping: string | null;
  header: string[] | null;
  dateFormats: string[];
  savedMapping: boolean;
  rows: {
    line: number;
    date: string;
    description: string;
    payee: string | null;
    amount: string;
    currency: string;
    kind: string;
    category: { id: string; name: string } | null;
    categoryName: string | null;
    duplicate: boolean;
    likelyDuplicate: boolean;
  }[];
  errors: { line: number; field: string | null; message: string }[];
}

export async function defaultAccountId(client: ApiClient): Promise<string> {
  const { accounts } = await client.data<{ accounts: { id: string }[] }>('{ accounts { id } }');
  return accounts[0].id;
}

/** Uploads `content` and previews it for the account. */
export async function previewFile(
  client: ApiClient,
  content: string | Buffer,
  variables: { accountId: string; format?: string; mapping?: Record<string, unknown> },
  name = 'statement.csv',
): Promise<PreviewView> {
  const uploaded = await upload(client, content, { name });
  if (uploaded.status !== 201) throw new Error(`upload failed: ${JSON.stringify(uploaded.body)}`);
  const { previewImport } = await client.data<{ previewImport: PreviewView }>(PREVIEW, {
    uploadId: uploaded.body.id,
    ...variables,
  });
  return previewImport;
}

/** Polls importStatus until the commit finishes (DONE or FAILED). */
export async function waitForImport(
  client: ApiClient,
  importId: string,
  timeoutMs = 60_000,
  onStatus?: (status: ImportResultView) => void,
): Promise<ImportResultView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { importStatus } = await client.data<{ importStatus: ImportResultView }>(STATUS, {
      id: importId,
    });
    onStatus?.(importStatus);
    if (importStatus.status === 'DONE' || importStatus.status === 'FAILED') return importStatus;
    if (Date.now() > deadline) throw new Error(`import ${importId} still ${importStatus.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Commits and waits for the result. */
export async function commitAndWait(
  client: ApiClient,
  importId: string,
  skip?: boolean,
): Promise<ImportResultView> {
  const { commitImport } = await client.data<{ commitImport: ImportResultView }>(COMMIT, {
    id: importId,
    skip,
  });
  expect(['RUNNING', 'DONE', 'FAILED']).toContain(commitImport.status);
  return waitForImport(client, importId);
}
