import { chmod, lstat, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PkiError } from '../errors.js';
import type { GencertResult } from './gencert.js';

/**
 * `cfssljson -bare NAME` (cloudflare/cfssl cmd/cfssljson): NAME.pem (the certificate),
 * NAME-key.pem (the private key, 0600) and NAME.csr. cfssljson asks for 0664/0600/0644 and lets
 * the umask decide; tlsboot sets 0644/0600/0644 — what cfssljson gives under the usual 022
 * umask — whatever the umask is.
 *
 * Unlike cfssljson, which writes one file after the other, this never leaves a partial set:
 * all three are written into a fresh temporary directory inside `dir` (same filesystem), then
 * renamed into place; a file already there is set aside first and put back if any step fails.
 * The only file of this module that touches the filesystem.
 */

interface Output {
  file: string;
  content: string;
  mode: number;
}

function checkName(name: string): void {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new PkiError('CFSSL_INVALID', `-bare name "${name}": must be a plain file name prefix (no "/", not empty, not "." or "..")`);
  }
}

/** What is at `path` now: nothing, a directory (never replaced), or something to set aside. */
async function occupant(path: string): Promise<'none' | 'directory' | 'file'> {
  try {
    return (await lstat(path)).isDirectory() ? 'directory' : 'file';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw err;
  }
}

/**
 * Writes NAME.pem, NAME-key.pem and NAME.csr into `dir` and returns their paths in that
 * order. On failure nothing new is left in `dir` and WRITE_FAILED names what failed.
 */
export async function writeBare(dir: string, name: string, result: Pick<GencertResult, 'certPem' | 'keyPem' | 'csrPem'>): Promise<string[]> {
  checkName(name);
  const outputs: Output[] = [
    { file: `${name}.pem`, content: result.certPem, mode: 0o644 },
    { file: `${name}-key.pem`, content: result.keyPem, mode: 0o600 },
    { file: `${name}.csr`, content: result.csrPem, mode: 0o644 },
  ];
  let temp: string;
  try {
    temp = await mkdtemp(join(dir, `.${name}.tlsboot-`));
  } catch (err) {
    throw new PkiError('WRITE_FAILED', `${dir}: cannot write ${name}.pem, ${name}-key.pem, ${name}.csr there (${(err as Error).message})`, { cause: err });
  }
  const placed: string[] = [];
  const setAside: { target: string; backup: string }[] = [];
  let current = '';
  try {
    for (const out of outputs) {
      current = out.file;
      const path = join(temp, out.file);
      await writeFile(path, out.content, { mode: out.mode, flag: 'wx' });
      await chmod(path, out.mode);
    }
    for (const out of outputs) {
      current = out.file;
      const target = join(dir, out.file);
      const there = await occupant(target);
      if (there === 'directory') throw new Error('a directory is in the way');
      if (there === 'file') {
        const backup = join(temp, `${out.file}.previous`);
        await rename(target, backup);
        setAside.push({ target, backup });
      }
      await rename(join(temp, out.file), target);
      placed.push(target);
    }
  } catch (err) {
    for (const target of placed.reverse()) await rm(target, { force: true }).catch(() => undefined);
    for (const { target, backup } of setAside.reverse()) await rename(backup, target).catch(() => undefined);
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw new PkiError('WRITE_FAILED', `${join(dir, current)}: cannot write it (${(err as Error).message}); nothing was written`, { cause: err });
  }
  await rm(temp, { recursive: true, force: true });
  return placed;
}
