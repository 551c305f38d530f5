/**
 * Open data: only published results, figures from the engine, formula-safe CSV, and a valid
 * Frictionless Tabular Data Package (checked against the spec's rules: descriptor, schema, data).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { run } from '../../src/cli/main.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

type Field = { name: string; type: string };
type Descriptor = {
  profile: string;
  name: string;
  resources: { name: string; path: string; profile: string; schema: { fields: Field[]; primaryKey: string[]; missingValues: string[] } }[];
};

/** The Frictionless rules a consumer relies on: names, paths, schema fields matching the header, typed cells, unique primary key. */
function validateTabularPackage(descriptor: Descriptor, csvText: string): string[] {
  const problems: string[] = [];
  if (descriptor.profile !== 'tabular-data-package') problems.push('profile');
  if (!/^[a-z0-9._-]+$/.test(descriptor.name)) problems.push('package name must be lower-case, digits, ".", "_" or "-"');
  for (const resource of descriptor.resources) {
    if (!/^[a-z0-9._-]+$/.test(resource.name)) problems.push(`resource name ${resource.name}`);
    if (resource.path.startsWith('/') || resource.path.includes('..')) problems.push(`unsafe path ${resource.path}`);
    const rows = parse(csvText, { bom: true }) as string[][];
    const header = rows[0]!;
    const names = resource.schema.fields.map((f) => f.name);
    if (header.join() !== names.join()) problems.push(`header ${header.join()} does not match schema ${names.join()}`);
    const seen = new Set<string>();
    rows.slice(1).forEach((row, i) => {
      if (row.length !== names.length) problems.push(`row ${i + 2} has ${row.length} cells`);
      resource.schema.fields.forEach((f, j) => {
        const cell = row[j] ?? '';
        if (resource.schema.missingValues.includes(cell)) return;
        if (f.type === 'number' && !Number.isFinite(Number(cell))) problems.push(`row ${i + 2} ${f.name}: "${cell}" is not a number`);
      });
      const key = resource.schema.primaryKey.map((k) => row[names.indexOf(k)]).join('|');
      if (seen.has(key)) problems.push(`duplicate primary key ${key}`);
      seen.add(key);
    });
  }
  return problems;
}

describe.each(engines())('open data on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await t.app.imports.importFile(DEMO_WORKBOOK);
    dir = await mkdtemp(join(tmpdir(), 'townhall-opendata-'));
  });
  afterAll(async () => {
    await t?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes nothing while nothing is published', async () => {
    expect(await t.app.openData.rows()).toEqual([]);
  });

  it('publishes the results of published cycles only, with the engine’s figures', async () => {
    await t.app.publication.publishAllWithData('test', 'demo papers were published');
    const committee = (await t.handle.db.selectFrom('committee').select('id').executeTakeFirstOrThrow()).id;
    await t.app.publication.setStatus(committee, '2018-Q2', 'approved', 'test', 'reopened for correction');
    await t.handle.db.updateTable('result').set({ value: 712 }).where('period', '=', '2018-Q2').where('value', '=', 711).execute();
    // Reopened and changed: open data keep the version published.
    const rows = await t.app.openData.rows();
    expect(rows.find((r) => r.ref === 'CG/C27' && r.period === 'Q2 2018/19')).toMatchObject({ value: 711 });
    expect(rows.some((r) => r.value === 712)).toBe(false);
    const s9 = rows.find((r) => r.ref === 'CG/S9' && r.period === '2016/17')!;
    expect(s9).toMatchObject({ value: 23, rag: 'Red Amber', target: '29%', direction_of_travel: '↓ W -11.5%', committee: 'Community Leadership Committee' });
    expect(s9.rag_reason).toContain('79.3%');
    await t.app.publication.setStatus(committee, '2018-Q2', 'published', 'test', 'corrected');
    const again = await t.app.openData.rows();
    expect(again.find((r) => r.ref === 'CG/C27' && r.period === 'Q2 2018/19')).toMatchObject({ value: 712, direction_of_travel: '↓ W +6.7%' });
    await t.handle.db.updateTable('result').set({ value: 711 }).where('period', '=', '2018-Q2').where('value', '=', 712).execute();
  });

  it('writes CSV, JSON and a valid Frictionless data package through the CLI', async () => {
    const out: string[] = [];
    const code = await run(['publish', '--out', dir], { out: (s) => out.push(s), err: (s) => out.push(s), isTTY: false }, async () => ({
      ...t.app,
      close: async () => undefined,
    }));
    expect(code).toBe(0);
    expect(out.join()).toMatch(/Published \d+ indicator results/);
    const descriptor = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8')) as Descriptor;
    const csvText = await readFile(join(dir, 'indicator-results.csv'), 'utf8');
    expect(validateTabularPackage(descriptor, csvText)).toEqual([]);
    const json = JSON.parse(await readFile(join(dir, 'indicator-results.json'), 'utf8')) as unknown[];
    expect(json.length).toBe((parse(csvText) as unknown[]).length - 1);
  });

  it('neutralises formula cells in the CSV without touching numbers', async () => {
    const { toCsv } = await import('../../src/services/openDataService.ts');
    const base = (await t.app.openData.rows())[0]!;
    const csvText = toCsv([{ ...base, title: '=HYPERLINK("http://evil")', benchmark: '@SUM(1)', value: -4, direction_percentage: -25 }]);
    const [, row] = parse(csvText) as string[][];
    expect(row![1]).toBe('\'=HYPERLINK("http://evil")');
    expect(row!.at(-1)).toBe("'@SUM(1)");
    expect(row![9]).toBe('-4');
  });
});
