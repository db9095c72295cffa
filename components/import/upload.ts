// Sends a CSV file as the request body with XMLHttpRequest, which (unlike fetch) reports upload
// progress. Resolves with the status and the parsed JSON body for every HTTP answer.
export type UploadAnswer<T> = { status: number; body: T };

export function uploadCsv<T>(
  url: string,
  file: Blob & { name?: string },
  options: { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal; contentType?: string; headers?: Record<string, string> } = {},
): Promise<UploadAnswer<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', options.contentType ?? 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(k, v);
    if (file.name) xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : {};
      } catch {
        body = { error: 'internal', message: `the server answered HTTP ${xhr.status} without a JSON body` };
      }
      resolve({ status: xhr.status, body: body as T });
    };
    xhr.onerror = () => reject(new Error('the upload failed: the server could not be reached'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const fmt = (n: number) => n.toLocaleString('en-US');
