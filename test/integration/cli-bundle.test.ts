/**
 * The `townhall` command's prebuilt bundle (bin/cliBundle.js, ADR 0014): built from the source, used
 * while every input is unchanged and rebuilt after an edit, with paths made from `import.meta.url`
 * pointing into the source tree, and none of the heavy packages loaded by the entry itself (they are
 * loaded by the commands that need them).
 */
import { readdir, readFile, stat, utimes } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript without types (it runs before any TypeScript can)
import { buildBundle, freshBundle } from '../../bin/cliBundle.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const build = buildBundle as () => Promise<string>;
const fresh = freshBundle as () => string | null;

describe('the prebuilt townhall command', () => {
  it('is built from the source and kept while its inputs are unchanged', async () => {
    const entry = await build();
    expect(fresh()).toBe(entry);
    const { run } = (await import(pathToFileURL(entry).href)) as { run: (argv: string[], io: unknown) => Promise<number> };
    const out: string[] = [];
    expect(await run(['--help'], { out: (t: string) => out.push(t), err: () => undefined, isTTY: false })).toBe(0);
    expect(out.join('\n')).toContain('Usage: townhall [--council <slug>] <command>');
  }, 60_000);

  it('is stale as soon as a source file it contains changes, and rebuilt', async () => {
    await build();
    const source = join(ROOT, 'src/domain/periods.ts');
    const before = await stat(source);
    try {
      await utimes(source, before.atime, new Date(before.mtimeMs + 1000));
      expect(fresh()).toBeNull();
      const rebuilt = await build();
      expect(fresh()).toBe(rebuilt);
    } finally {
      await utimes(source, before.atime, before.mtime); // the next command builds once more
    }
  }, 60_000);

  it('points paths made from import.meta.url into the source tree, and loads heavy packages only where used', async () => {
    const entry = await build();
    const files = await readdir(dirname(entry));
    const main = await readFile(entry, 'utf8');
    expect(main).not.toContain('import.meta');
    expect(main).toContain(JSON.stringify(pathToFileURL(join(ROOT, 'src/db/migrate.ts')).href));
    // kysely and zod are inside the bundle; the heavy packages are never imported by the entry.
    expect(main).not.toMatch(/from "kysely"|from "zod"/);
    // The entry and the chunks it shares: no static import of a heavy package.
    const loadedByEveryCommand = files.filter((f) => f.endsWith('.js') && !/^(pdf|docx)-/.test(f));
    for (const file of loadedByEveryCommand) {
      const text = await readFile(join(dirname(entry), file), 'utf8');
      for (const pkg of ['exceljs', 'pdfmake', 'docx', 'pg', 'csv-parse/sync', '@electric-sql/pglite']) {
        expect([file, pkg, text.includes(`from "${pkg}"`)]).toEqual([file, pkg, false]);
      }
    }
    // The PDF and Word renderers are chunks of their own.
    expect(files.some((f) => /^pdf-.*\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^docx-.*\.js$/.test(f))).toBe(true);
  }, 60_000);
});
