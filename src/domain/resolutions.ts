/**
 * Numbered resolutions (DOMAIN.md §9, issue 12 deliver 4): an item's resolutions are numbered (1), (2),
 * (3); parts of one resolution (i), (ii); parts of those (a), (b) — as the minutes in the seeds print them.
 * A lone resolution is printed without a number ("RESOLVED: that …"). Numbers are computed from the
 * order, never typed. Pure.
 */

export interface ResolutionNode {
  text: string;
  parts?: readonly ResolutionNode[];
}

export interface NumberedResolution {
  /** "(1)", "(ii)", "(b)"; empty for a lone resolution. */
  label: string;
  /** The full path, for references: "(3)(ii)". */
  path: string;
  depth: number;
  text: string;
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
  [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

/** 1 → "i", 4 → "iv", 14 → "xiv". */
export function lowerRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`No roman numeral for ${n}`);
  let out = '';
  let rest = n;
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

/** 1 → "a", 26 → "z", 27 → "aa". */
export function lowerAlpha(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`No letter for ${n}`);
  let out = '';
  let rest = n;
  while (rest > 0) {
    const r = (rest - 1) % 26;
    out = String.fromCharCode(97 + r) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  return out;
}

/** The label of the `n`th (1-based) entry at `depth` (0: (1), 1: (i), 2: (a), then again). */
export function resolutionLabel(depth: number, n: number): string {
  const style = depth % 3;
  return `(${style === 0 ? String(n) : style === 1 ? lowerRoman(n) : lowerAlpha(n)})`;
}

/** The resolutions of an item, numbered and flattened in reading order. */
export function numberResolutions(resolutions: readonly ResolutionNode[]): NumberedResolution[] {
  const out: NumberedResolution[] = [];
  const lone = resolutions.length === 1 && !(resolutions[0]!.parts?.length);
  const walk = (nodes: readonly ResolutionNode[], depth: number, prefix: string) => {
    nodes.forEach((node, i) => {
      const label = lone ? '' : resolutionLabel(depth, i + 1);
      const path = prefix + label;
      out.push({ label, path, depth, text: node.text });
      if (node.parts?.length) walk(node.parts, depth + 1, path);
    });
  };
  walk(resolutions, 0, '');
  return out;
}
