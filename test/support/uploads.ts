/**
 * Uploads in tests: a multipart body for POST /import, and an upload reader that counts and logs what it
 * is asked to do around the app's worker pool (src/services/workbookWorkerPool.ts).
 */
import type { UploadReader } from '../../src/services/uploadPreview.ts';

/** A multipart/form-data body with one file in the `workbook` field. */
export function multipart(filename: string, bytes: Buffer, contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
  const boundary = '----townhallUploadBoundary5Zq8';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="workbook"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export type ReaderEvent = 'check' | 'preview' | 'parsed' | 'previewed';

/**
 * `inner`, counting its calls and logging, in order, when a preview starts (`preview`), when the file has
 * been read and validated (`parsed`: the worker asks for the stored data it names) and when the preview
 * is back (`previewed`); `log` is shared, so a test can put its own events between them.
 */
export function recordingReader(inner: UploadReader, log: string[] = []): UploadReader & { calls: { check: number; preview: number }; log: string[] } {
  const calls = { check: 0, preview: 0 };
  return {
    calls,
    log,
    check: (path, name) => {
      calls.check += 1;
      log.push('check');
      return inner.check(path, name);
    },
    preview: async (path, name, snapshot) => {
      calls.preview += 1;
      log.push('preview');
      try {
        return await inner.preview(path, name, (scope) => {
          log.push('parsed');
          return snapshot(scope);
        });
      } finally {
        log.push('previewed');
      }
    },
  };
}
