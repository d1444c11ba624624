// Runs a TypeScript entry point of the checkout as a child process from its sources (the
// `tlsboot-source` condition through tsx), from the repository root: what the bench smoke tests
// start. Resolves with the exit code and everything it printed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface SourceRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --conditions=tlsboot-source --import tsx <file> <args…>` in the repository root. */
export function runSource(file: string, args: readonly string[]): Promise<SourceRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=tlsboot-source', '--import', 'tsx', file, ...args], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
