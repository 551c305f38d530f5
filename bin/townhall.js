#!/usr/bin/env node
// The `townhall` command: runs the TypeScript CLI (src/cli/main.ts) from a bundle prebuilt with esbuild
// and rebuilt whenever a source file changes, or through tsx when it cannot be built (bin/cliBundle.js,
// docs/decisions/0014-fast-cli.md). No build step to run by hand.
import { setFlagsFromString } from 'node:v8';
import { loadCli } from './cliBundle.js';

// The embedded database is PostgreSQL compiled to WebAssembly (9 MB). By default V8 also recompiles its
// hot functions with its optimising compiler on background threads: seconds of CPU that a command of a
// second or two never earns back, taken from the cores the database itself runs on.
// Its quick baseline compiler alone halves a command's CPU time (ADR 0014). Set before PGlite loads.
setFlagsFromString('--liftoff-only');

const { run } = await loadCli();
process.exitCode = await run(process.argv.slice(2));
