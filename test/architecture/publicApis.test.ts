/**
 * exceljs is used through its public API only (docs/decisions/0011-xlsx-reader.md): no file of the project
 * names a file inside it or finds its folder to reach into it. ESLint refuses the same (eslint.config.js,
 * EXCELJS_PUBLIC_ONLY); this checks the sources directly, so that a broken rule configuration cannot hide
 * a breach. And the XML parser the .xlsx reader is built on is a direct dependency, pinned, as installed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SELF = fileURLToPath(import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) && path !== SELF ? [path] : [];
  });
}

/** The lines of `text` that reach inside exceljs, as `name:line: text`. */
function reachesInside(text: string, name: string): string[] {
  return text.split('\n').flatMap((line, i) =>
    // A string naming a file inside the package (`exceljs/lib/…`, `…/node_modules/exceljs/dist/…`), or
    // the package's folder looked up (`require.resolve('exceljs')`), which createRequire needs to reach in.
    /['"`](?:[^'"`]*\/)?exceljs\/[^'"`]/.test(line) || /resolve\(\s*['"`]exceljs/.test(line) ? [`${name}:${i + 1}: ${line.trim()}`] : [],
  );
}

describe('exceljs through its public API only', () => {
  it('no source names a file inside exceljs or looks up its folder', () => {
    const files = ['src', 'test', 'bench', 'bin', 'scripts'].flatMap((dir) => sources(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => reachesInside(readFileSync(file, 'utf8'), relative(ROOT, file)))).toEqual([]);
  });

  it('the .xlsx reader loads no module by path (no createRequire)', () => {
    for (const file of ['src/workbook/read.ts', 'src/workbook/xlsxParts.ts', 'src/workbook/zip.ts']) {
      expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toMatch(/createRequire|require\(/);
    }
  });

  it('the check catches the old reader’s ways in', () => {
    const old = [
      "const fromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));",
      "import parseSax from 'exceljs/lib/utils/parse-sax.js';",
      // eslint-disable-next-line no-restricted-syntax -- an example of what the check must catch
      "const utils = require('/srv/townhall/node_modules/exceljs/lib/utils/utils.js');",
    ].join('\n');
    expect(reachesInside(old, 'old.ts')).toHaveLength(3);
    expect(reachesInside("import ExcelJS from 'exceljs';\nconst { default: excel } = await import('exceljs');", 'new.ts')).toEqual([]);
  });

  it('saxes, the XML parser, is a direct dependency pinned to the version installed', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/saxes/package.json'), 'utf8')) as { version: string; engines?: { node?: string } };
    expect(pkg.dependencies.saxes).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed.version).toBe(pkg.dependencies.saxes);
    // Its engines field admits Node 20 (`>=10` for 5.x).
    expect(installed.engines?.node).toMatch(/^>=\s*v?(1\d)(\.|$)/);
  });
});
