/**
 * The house's shape, checked on every run (docs/decisions/0010-layers.md): no import circles in src,
 * and the layer rules that ESLint also enforces (so a broken rule configuration cannot hide a breach).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

/** Relative imports and re-exports of a file (type-only ones too), as paths from src. */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|(?:^|\n)\s*import\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    out.push(relative(SRC, resolve(dirname(file), spec)));
  }
  return out;
}

/** Strongly connected components with more than one file (Tarjan), each sorted. */
export function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

const graph = new Map(sourceFiles(SRC).map((f) => [relative(SRC, f), importsOf(f)]));
const floorOf = (path: string) => path.split('/')[0]!;

describe('the layers of src', () => {
  it('finds the files and their imports', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('app.ts')).toContain('services/index.ts');
  });

  it('has no import circles', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  const rules: [floor: string, forbidden: string[]][] = [
    ['domain', ['db', 'workbook', 'repositories', 'services', 'reports', 'documents', 'web', 'cli', 'app.ts', 'config.ts']],
    ['documents', ['domain', 'db', 'workbook', 'repositories', 'services', 'reports', 'web', 'cli', 'app.ts', 'config.ts']],
    ['db', ['workbook', 'repositories', 'services', 'reports', 'documents', 'web', 'cli']],
    ['workbook', ['db', 'repositories', 'services', 'reports', 'documents', 'web', 'cli']],
    ['repositories', ['services', 'reports', 'documents', 'web', 'cli']],
    ['services', ['web', 'cli']],
    ['reports', ['web', 'cli']],
    ['web', ['repositories', 'db']],
    ['cli', ['repositories', 'db']],
  ];
  it.each(rules)('%s imports none of %j', (floor, forbidden) => {
    const breaches = [...graph]
      .filter(([file]) => floorOf(file) === floor)
      .flatMap(([file, imports]) => imports.filter((i) => forbidden.includes(floorOf(i))).map((i) => `${file} → ${i}`));
    expect(breaches).toEqual([]);
  });
});
