/** What POST /api/uploads answers for a stored file. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  type: string;
}

/**
 * Sends `file` to POST /api/uploads with the session cookie. The header is what the server asks
 * of browsers: a cross-site form cannot set it.
 */
export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/uploads', {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'fetch' },
    });
  } catch {
    throw new Error('Cannot reach the server. Check your connection and try again.');
  }
  const body = (await response.json().catch(() => ({}))) as Partial<UploadedFile> & {
    error?: string;
  };
  if (response.status !== 201 || !body.id) {
    throw new Error(
      response.status === 413
        ? 'The file is too large to upload.'
        : (body.error ?? `The upload failed (HTTP ${response.status}).`),
    );
  }
  return body as UploadedFile;
}
