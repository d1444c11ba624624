import { constants } from 'node:fs';
import { access, chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError } from './io.js';

/** Reads a text input; the error names the file as the user gave it. "-" reads standard input. */
export async function readInput(cwd: string, path: string, stdin?: AsyncIterable<string | Uint8Array>): Promise<string> {
  if (path === '-' && stdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new CliError('FILE_READ', `${path}: cannot read: ${why}`, { cause: err });
  }
}

/** A file a command produces. */
export interface OutputFile {
  name: string;
  content: string;
  /** 0o600 for private keys. */
  mode?: number;
}

export interface WriteOptions {
  /** Directory the names are relative to (resolved against cwd). */
  dir: string;
  cwd: string;
  /** Overwrite existing files; without it an existing target is an error and nothing is written. */
  force?: boolean;
}

/** Paths as shown to the user: `ca.pem` in the current directory, `out/ca.pem` elsewhere. */
export function displayPath(dir: string, name: string): string {
  return dir === '.' || dir === '' ? name : join(dir, name);
}

/**
 * Writes every file or none: all targets are checked first, then each file goes to a temporary
 * name beside its target, and only when all are written are they renamed into place.
 */
export async function writeOutputs(files: readonly OutputFile[], options: WriteOptions): Promise<string[]> {
  const dir = resolve(options.cwd, options.dir);
  const shown = files.map((f) => displayPath(options.dir, f.name));
  if (!options.force) {
    for (const [i, file] of files.entries()) {
      const exists = await access(join(dir, file.name), constants.F_OK).then(() => true, () => false);
      if (exists) throw new CliError('FILE_EXISTS', `${shown[i]}: already exists; not overwriting it (use --force to replace it)`);
    }
  }
  const temps: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const file of files) {
      const temp = join(dir, `.${file.name}.tmp-${process.pid}`);
      temps.push(temp);
      await writeFile(temp, file.content, { mode: file.mode ?? 0o644 });
      if (file.mode !== undefined) await chmod(temp, file.mode);
    }
    for (const [i, file] of files.entries()) await rename(temps[i]!, join(dir, file.name));
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw new CliError('FILE_WRITE', `${options.dir}: cannot write ${shown.join(', ')}: ${(err as Error).message}`, { cause: err });
  }
  return shown;
}
