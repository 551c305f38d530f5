// The PDF worker thread's entry point: TypeScript runs through tsx (no build step), as in bin/townhall.js.
import { register } from 'tsx/esm/api';

register();
await import('./pdfWorker.ts');
