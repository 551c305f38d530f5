#!/usr/bin/env node
// `npm test`: every test (unit, integration on PGlite — and PostgreSQL when TEST_DATABASE_URL is set —
// and browser tests when Chromium is installed). Says loudly when browser tests are skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const banner = (lines) => {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '!'.repeat(width);
  console.error(['', bar, ...lines.map((l) => `! ${l.padEnd(width - 4)} !`), bar, ''].join('\n'));
};

if (!existsSync(chromium)) {
  banner([
    `BROWSER TESTS SKIPPED: no Chromium at ${chromium}.`,
    'Install it to run them: apt-get install -y chromium (or set CHROMIUM_PATH).',
  ]);
}
if (!process.env.TEST_DATABASE_URL) {
  console.error('Note: TEST_DATABASE_URL is not set, so database tests run on embedded PGlite only.');
}

const resultsFile = join(mkdtempSync(join(tmpdir(), 'townhall-test-')), 'results.json');
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
if (!existsSync(chromium)) banner([`Reminder: browser tests were SKIPPED (no Chromium at ${chromium}).`]);
if (existsSync(resultsFile)) {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
}
process.exit(result.status ?? 1);
