/** Timing and printing helpers for the benchmarks. */

export const now = (): number => performance.now();

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await fn();
  return { ms: now() - start, value };
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` once to warm up, then `runs` times; returns every timing in ms. */
export async function sample(runs: number, fn: () => Promise<unknown>, warmups = 1): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push((await time(fn)).ms);
  return out;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function ratio(value: number, floor: number): string {
  return `${(value / floor).toFixed(2)}×`;
}

export function verdict(value: number, floor: number, target: number): string {
  const r = value / floor;
  const goal = `≤ ${Number.isInteger(target) && target < 10 ? target.toFixed(1) : target}×`;
  return r <= target ? `PASS (${goal})` : `FAIL (${goal})`;
}

export const count = (n: number): string => n.toLocaleString('en-GB');

/**
 * A plain-text table. `align` has one letter per column, `l` or `r`; by default the first and last
 * columns are left-aligned and the others (numbers) right-aligned.
 */
export function table(header: string[], rows: string[][], align?: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const left = (i: number) => (align ? align[i] === 'l' : i === 0 || i === header.length - 1);
  const line = (cells: string[]) =>
    cells.map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

let gcFn: (() => void) | null | undefined;
/** A full garbage collection before a timed run, so one run's garbage is not collected in the next. */
export async function collectGarbage(): Promise<void> {
  if (gcFn === undefined) {
    try {
      const v8 = await import('node:v8');
      const vm = await import('node:vm');
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}
