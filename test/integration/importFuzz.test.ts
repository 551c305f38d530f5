/**
 * Fuzz test of the importer (issue 9): several hundred mutations of the demo workbook from a fixed
 * seed — bytes flipped in the zip, truncations, removed parts, parts cut short, rows shuffled and
 * duplicated, hostile cell values, binary CSVs — each imported for real. For every one: nothing
 * escapes the importer, the outcome is either success or errors a person can locate (sheet, row or
 * column; no stack, library message or server path), and a refused import leaves the database
 * exactly as it was. Figures are recorded in docs/reliability.md.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import type { ImportError } from '../../src/workbook/model.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { rezip, writeCsvWorkbook, xlsx, type Sheets } from '../support/workbook.ts';

const SEED = 9;
const MUTATIONS = 400;

/** mulberry32: a small, fixed-seed generator. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const HOSTILE = [
  'a\u0000b',
  '\u0007bell',
  '1e308%',
  '99999999999999999999999999999',
  '1e-400',
  '-1e13',
  'x'.repeat(100_000),
  '=HYPERLINK("http://evil.example","x")',
  '=1+1',
  '@SUM(A1)',
  'Due Q9 18/19',
  'New (2099/00)',
  'Q5 2018/19',
  '2099/00',
  '<script>alert(1)</script>',
  '\uD800',
  '\uFFFF',
  '&amp;&lt;&#0;',
  ']]>',
  'NaN',
  'Infinity',
  '',
];

/** Internal or library text that must never reach a person. */
const INTERNAL = /\bat \S+ \(|node_modules|\/tmp\/|townhall-|Cannot read|undefined|Bug :|End of data|Invalid row number|entity\.|TypeError|RangeError|ENOENT|jszip|saxes|exceljs/i;

function located(e: ImportError): boolean {
  if (!e.sheet || e.sheet.includes('/')) return false;
  if (INTERNAL.test(e.message)) return false;
  return e.row !== null || e.column !== null || /\b(part|sheet|file|workbook|\.csv|\.xlsx)\b/i.test(e.message);
}

describe('importer fuzz (pglite)', () => {
  let t: TestDatabase;
  let dir: string;
  let demo: Sheets;
  let base: Buffer;
  const tally = new Map<string, { imported: number; refused: number }>();

  const fingerprint = async () =>
    (
      await sql<{ f: string }>`select (select count(*) from audit_event) || ':' || (select count(*) from result) || ':' || (select coalesce(sum(length(coalesce(commentary, ''))), 0) from result) || ':' || (select count(*) from target) || ':' || (select count(*) from indicator) as f`.execute(
        t.handle.db,
      )
    ).rows[0]!.f;

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    dir = await mkdtemp(join(tmpdir(), 'townhall-fuzz-'));
    demo = {};
    for (const file of (await readdir(DEMO_WORKBOOK)).filter((f) => f.endsWith('.csv'))) {
      demo[file.replace(/\.csv$/, '')] = parse(await readFile(join(DEMO_WORKBOOK, file)), { columns: true, bom: true }) as Record<string, string>[];
    }
    base = await xlsx(Object.fromEntries(Object.entries(demo).map(([name, rows]) => [name, [Object.keys(rows![0]!), ...rows!.map((r) => Object.values(r))]])));
    const first = await t.app.imports.importFile(await save(base), { actor: 'fuzz' });
    if (!first.ok) throw new Error(JSON.stringify(first.errors.slice(0, 3)));
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  let n = 0;
  async function save(bytes: Buffer | Uint8Array, name = `m${++n}.xlsx`): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }

  const edited = async (edit: (parts: Map<string, Buffer>) => void) => save(await rezip(base, edit));

  const SHEETS = () => Object.keys(demo);
  const sheetPart = (parts: Map<string, Buffer>, r: ReturnType<typeof random>) => r.pick([...parts.keys()].filter((p) => p.startsWith('xl/worksheets/')));

  type Mutation = (r: ReturnType<typeof random>) => Promise<string>;
  const mutations: Record<string, Mutation> = {
    'byte flipped in the zip': async (r) => {
      const bytes = Buffer.from(base);
      for (let k = 1 + r.int(3); k > 0; k--) {
        const at = r.int(bytes.length);
        bytes[at] = bytes[at]! ^ (1 + r.int(255));
      }
      return save(bytes);
    },
    'zip truncated': async (r) => save(base.subarray(0, r.int(base.length))),
    'part removed': async (r) => edited((parts) => parts.delete(r.pick([...parts.keys()]))),
    'sheet XML cut short': async (r) =>
      edited((parts) => {
        const part = sheetPart(parts, r);
        parts.set(part, parts.get(part)!.subarray(0, r.int(parts.get(part)!.length)));
      }),
    'rows duplicated or shuffled in the XML': async (r) =>
      edited((parts) => {
        const part = sheetPart(parts, r);
        const xml = parts.get(part)!.toString('utf8');
        const rows = [...xml.matchAll(/<row [^]*?<\/row>/g)].map((m) => m[0]);
        if (rows.length < 3) return;
        const all = rows.join('');
        if (r.next() < 0.5) {
          // One row twice, with the same row number.
          const i = 1 + r.int(rows.length - 1);
          parts.set(part, Buffer.from(xml.replace(all, [...rows.slice(0, i + 1), rows[i], ...rows.slice(i + 1)].join(''))));
        } else {
          // The data rows in another order (the header stays first).
          const shuffled = rows.slice(1).sort(() => r.next() - 0.5);
          parts.set(part, Buffer.from(xml.replace(all, [rows[0], ...shuffled].join(''))));
        }
      }),
    'empty row 1': async (r) => {
      const sheet = r.pick(SHEETS());
      const sheets = Object.fromEntries(Object.entries(demo).map(([name, rows]) => [name, [Object.keys(rows![0]!), ...rows!.map((x) => Object.values(x))]]));
      sheets[sheet] = [[], ...sheets[sheet]!];
      return save(await xlsx(sheets));
    },
    'hostile cell (.xlsx)': async (r) => {
      const sheets = Object.fromEntries(Object.entries(demo).map(([name, rows]) => [name, [Object.keys(rows![0]!), ...rows!.map((x) => Object.values(x))]]));
      const sheet = sheets[r.pick(SHEETS())]!;
      for (let k = 1 + r.int(2); k > 0; k--) {
        const row = sheet[1 + r.int(sheet.length - 1)]!;
        row[r.int(row.length)] = r.pick(HOSTILE);
      }
      return save(await xlsx(sheets));
    },
    'hostile cell (CSV)': async (r) => {
      const sheets: Sheets = Object.fromEntries(Object.entries(demo).map(([name, rows]) => [name, rows!.map((x) => ({ ...x }))]));
      const rows = sheets[r.pick(SHEETS())]!;
      const row = rows[r.int(rows.length)]!;
      row[r.pick(Object.keys(row))] = r.pick(HOSTILE);
      if (process.env.FUZZ_DEBUG) console.log(JSON.stringify(row).slice(0, 300));
      return writeCsvWorkbook(sheets);
    },
    'binary CSV': async (r) => {
      const folder = await writeCsvWorkbook(demo);
      const file = join(folder, `${r.pick(SHEETS())}.csv`);
      const bytes = await readFile(file);
      const at = r.int(bytes.length);
      const junk = Buffer.from(Array.from({ length: 1 + r.int(8) }, () => r.int(256)));
      await writeFile(file, Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]));
      return folder;
    },
  };

  it(`${MUTATIONS} mutations from seed ${SEED}: no throw, located errors, database unchanged when refused`, async () => {
    const r = random(SEED);
    const kinds = Object.keys(mutations);
    let before = await fingerprint();
    const problems: string[] = [];
    for (let i = 0; i < MUTATIONS; i++) {
      const kind = kinds[i % kinds.length]!;
      const path = await mutations[kind]!(r);
      const count = tally.get(kind) ?? { imported: 0, refused: 0 };
      tally.set(kind, count);
      let outcome;
      try {
        outcome = await t.app.imports.importFile(path, { actor: 'fuzz', fileName: 'fuzz.xlsx' });
      } catch (error) {
        problems.push(`#${i} ${kind}: threw ${(error as Error).message}`);
        continue;
      }
      const after = await fingerprint();
      if (outcome.ok) {
        count.imported++;
        before = after;
        continue;
      }
      count.refused++;
      if (after !== before) problems.push(`#${i} ${kind}: refused but the database changed`);
      const unlocated = outcome.errors.filter((e) => !located(e));
      if (outcome.errors.length === 0 || unlocated.length) problems.push(`#${i} ${kind}: ${JSON.stringify((unlocated[0] ?? null))?.slice(0, 300)}`);
    }
    const rows = [...tally].map(([kind, c]) => `${kind}: ${c.imported} imported, ${c.refused} refused`);
    console.log(`importer fuzz, seed ${SEED}, ${MUTATIONS} mutations\n${rows.join('\n')}`);
    expect(problems).toEqual([]);
  }, 120_000);
});
