/**
 * Helpers shared by the cli tests: run `tlsboot` in-process with captured output (to the end, or
 * until it is ready for a long-running command), the real kubectl, and temporary working
 * directories. Not part of the package's API: index.ts does not export it.
 */
import { execFile } from 'node:child_process';
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

/** `tlsboot ARGS…` in-process until its output matches `ready`, stopped by an AbortController instead of Ctrl-C. */
export function runUntilReady(cwd: string, args: readonly string[], ready: RegExp) {
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  let onOutput = (): void => {};
  const exited = main(['node', 'tlsboot', ...args], {
    stdout: { write: (s: string) => ((stdout += s), onOutput()) },
    stderr: { write: (s: string) => ((stderr += s), onOutput()) },
    stdin: Readable.from(['']),
    cwd,
    env: {},
    signal: controller.signal,
  });
  const matched = new Promise<RegExpExecArray>((resolve, reject) => {
    onOutput = () => {
      const m = ready.exec(stdout);
      if (m) resolve(m);
    };
    exited.then((code) => reject(new Error(`tlsboot ${args[0]} exited ${code} before it was ready: ${stdout}${stderr}`)), reject);
  });
  return {
    ready: matched,
    output: () => ({ stdout, stderr }),
    stop: async (reason = 'SIGINT') => {
      controller.abort(reason);
      return { code: await exited, stdout, stderr };
    },
  };
}

/** The real kubectl; `missing` when it is not installed. */
export function kubectl(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { timeout: 30_000 }, (err, stdout, stderr) => {
      const missing = (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ code: err ? Number(err.code ?? 1) || 1 : 0, stdout, stderr, missing });
    });
  });
}
