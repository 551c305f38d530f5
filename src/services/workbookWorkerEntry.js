// The upload worker thread's entry point: TypeScript runs through tsx (no build step), as the PDF
// worker's does (src/documents/pdfWorkerEntry.js) and bin/townhall.js when it cannot use its bundle.
import { register } from 'tsx/esm/api';

register();
await import('./workbookWorker.ts');
