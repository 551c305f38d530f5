/** The command line's input and output for tests: what a command prints, kept line by line. */
import type { Io } from '../../src/cli/main.ts';

export function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text), isTTY: false };
}
