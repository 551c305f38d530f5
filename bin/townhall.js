#!/usr/bin/env node
// The `townhall` command: runs the TypeScript CLI (src/cli/main.ts) from a bundle prebuilt with esbuild
// and rebuilt whenever a source file changes, or through tsx when it cannot be built (bin/cliBundle.js,
// docs/decisions/0014-fast-cli.md). No build step to run by hand.
import { loadCli } from './cliBundle.js';

const { run } = await loadCli();
process.exitCode = await run(process.argv.slice(2));
