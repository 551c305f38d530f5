/**
 * The `townhall` command runs from a bundle of src/cli/main.ts and everything it imports, built with
 * esbuild into .cache/cli/ the first time and again whenever one of its inputs has changed
 * (docs/decisions/0014-fast-cli.md). Loading the TypeScript files one by one through tsx, and kysely's
 * 279 ES modules one by one, took longer than most commands; the bundle is a few files of plain JS.
 *
 * - Fresh: `.cache/cli/current.json` names the build's folder and each input file with its modification
 *   time and size (source files, tsconfig.json, this file, and the package.json of each bundled package).
 *   One stat per input decides; any difference, or a missing file, builds again. No build step to
 *   remember, and an edit to a source file is in the next command.
 * - Bundled: our source, kysely and zod. Every other package stays external and is loaded from
 *   node_modules when the code imports it — lazily where the code imports it lazily (exceljs, pdfmake,
 *   docx, pg, PGlite); code splitting keeps such lazily imported source (the PDF and Word renderers) in
 *   chunks of their own, so their packages are not loaded by commands that make no PDF or Word file.
 * - `import.meta.url` in a source file is replaced by that file's own URL, so paths made from it
 *   (migrations, the demo workbook, fonts, the PDF worker) point where they do when run through tsx.
 * - Anything that stops the build (no esbuild, a read-only folder, a syntax error) falls back to
 *   running the source through tsx, as before, with one line on stderr saying why.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'src/cli/main.ts';
const CACHE = join(ROOT, '.cache', 'cli');
const POINTER = join(CACHE, 'current.json');
/** Pure-JS packages of many small modules, cheaper to load as part of the bundle than one by one. */
const BUNDLED = new Set(['kysely', 'zod']);
/** Builds older than this, other than the current one, are removed (a running command may still load a chunk). */
const KEEP_OLD_BUILDS_MS = 10 * 60 * 1000;

/** A file's modification time and size, or null when it does not exist. */
function stamp(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? `${s.mtimeMs}:${s.size}` : null;
}

/** The bundle's entry file when the last build is still fresh, else null. */
export function freshBundle() {
  let pointer;
  try {
    pointer = JSON.parse(readFileSync(POINTER, 'utf8'));
  } catch {
    return null;
  }
  if (!pointer || typeof pointer.dir !== 'string' || typeof pointer.inputs !== 'object') return null;
  for (const [file, expected] of Object.entries(pointer.inputs)) {
    if (stamp(resolve(ROOT, file)) !== expected) return null;
  }
  const entry = join(CACHE, pointer.dir, 'main.js');
  return stamp(entry) ? entry : null;
}

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** esbuild plugin: which packages stay external, and `import.meta.url` as each source file's own URL. */
const townhallPlugin = {
  name: 'townhall-cli',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || !BUNDLED.has(packageOf(args.path))) return { path: args.path, external: true };
      return undefined;
    });
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/** Builds the bundle into a new folder of .cache/cli and returns its entry file. */
export async function buildBundle() {
  const esbuild = await import('esbuild');
  const started = Date.now();
  const dir = `build-${started.toString(36)}-${process.pid}`;
  const outdir = join(CACHE, dir);
  mkdirSync(CACHE, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [townhallPlugin],
  });
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const inPackage = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    const file = inPackage ? `${inPackage[1]}/package.json` : input;
    inputs[file] ??= stamp(resolve(ROOT, file));
  }
  for (const file of ['tsconfig.json', 'bin/cliBundle.js']) inputs[file] = stamp(join(ROOT, file));
  const entry = join(outdir, 'main.js');
  // A file changed while it was being built into the bundle: use this build once, but do not keep it.
  // (A file dated in the future, as an archive may leave it, is not taken for one being edited.)
  const finished = Date.now();
  const changedDuring = Object.entries(inputs).some(([file, recorded]) => {
    const s = statSync(resolve(ROOT, file), { throwIfNoEntry: false });
    return !s || recorded === null || (s.mtimeMs >= started && s.mtimeMs <= finished);
  });
  if (changedDuring) return entry;
  const temporary = `${POINTER}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ dir, builtAt: new Date(started).toISOString(), inputs }, null, 1));
  renameSync(temporary, POINTER);
  removeOldBuilds(dir);
  return entry;
}

function removeOldBuilds(current) {
  for (const name of readdirSync(CACHE)) {
    if (!name.startsWith('build-') || name === current) continue;
    const s = statSync(join(CACHE, name), { throwIfNoEntry: false });
    if (s && Date.now() - s.mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(join(CACHE, name), { recursive: true, force: true });
  }
}

/** The CLI module (`run`): from the fresh bundle, a new build, or — when it cannot be built — through tsx. */
export async function loadCli() {
  let entry = freshBundle();
  if (!entry) {
    try {
      entry = await buildBundle();
    } catch (error) {
      const reason = error?.errors?.[0]?.text ?? error?.message ?? String(error);
      process.stderr.write(`townhall: running through tsx (slower): the command could not be prebuilt into ${CACHE}: ${reason}\n`);
    }
  }
  if (entry) return import(pathToFileURL(entry).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}
