// The upload worker process's entry point (WorkbookWorkerPool forks it): TypeScript runs through tsx (no
// build step), registered here as the PDF worker's entry (src/documents/pdfWorkerEntry.js) and
// bin/townhall.js do, so it is found from this file whatever the server's working folder.
import { register } from 'tsx/esm/api';

register();
await import('./workbookWorker.ts');
