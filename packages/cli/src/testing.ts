/**
 * Helpers shared by the cli tests: run `tlsboot` in-process with captured output, and make
 * temporary working directories. Not part of the package's API: index.ts does not export it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from './main.js';

/** What one `tlsboot` run returned and printed. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tlsboot ARGS…` in `cwd` with an empty environment and `stdin` as standard input. */
export async function tlsboot(cwd: string, args: readonly string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'tlsboot', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([stdin]),
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

/** Fresh temporary directories named `prefix…`; `removeAll` deletes every one made (give it to test.after). */
export function tempDirs(prefix: string): { fresh: () => Promise<string>; removeAll: () => Promise<void> } {
  const made: string[] = [];
  return {
    fresh: async () => {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    removeAll: async () => {
      await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
