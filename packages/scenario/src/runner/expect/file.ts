// `file` expectations: a path relative to the work directory (a node's cert dir is
// `nodes/<node>/pki`). `absent`; `mode` ("0600") of the file a symlink points to — what the
// kubelet's certificate store cares about is the PEM's own mode (certificate_store.go writes the
// pair 0600); `symlink`: the link's target as readlink returns it, or /regex/ on it; `contains`:
// a substring, or /regex/, of the (target's) text.
import { lstat, readFile, readlink, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { ExpectationBody } from '../../format/types.js';
import { scenarioRegex } from '../../format/regex.js';
import type { RunContext } from '../run-context.js';
import type { ExpectationResult } from './index.js';
import { brief } from './match.js';

export type FileExpectation = Extract<ExpectationBody, { file: unknown }>['file'];

export async function checkFile(ctx: RunContext, e: FileExpectation): Promise<ExpectationResult> {
  const path = join(ctx.workdir, e.path);
  const rel = relative(ctx.workdir, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return { ok: false, message: `file ${e.path}: not inside the work directory` };
  const link = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (!link) return e.absent ? { ok: true, message: `file ${e.path} is absent` } : { ok: false, message: `file ${e.path} does not exist` };
  if (e.absent) return { ok: false, message: `file ${e.path} exists${link.isSymbolicLink() ? ' (a symlink)' : ''}, expected it absent` };
  const found: string[] = [];
  if (e.symlink !== undefined) {
    if (!link.isSymbolicLink()) return { ok: false, message: `file ${e.path} is not a symlink, expected one to ${e.symlink}` };
    const target = await readlink(path);
    const re = scenarioRegex(e.symlink);
    if (re ? !re.test(target) : target !== e.symlink) return { ok: false, message: `file ${e.path} is a symlink to ${target}, expected ${re ? 'a target matching ' : ''}${e.symlink}` };
    found.push(`-> ${target}`);
  }
  if (e.mode !== undefined || e.contains !== undefined) {
    const target = await stat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (!target) return { ok: false, message: `file ${e.path} is a dangling symlink to ${await readlink(path)}` };
    if (e.mode !== undefined) {
      const mode = target.mode & 0o777;
      const want = Number.parseInt(e.mode, 8);
      if (mode !== want) return { ok: false, message: `file ${e.path} has mode ${octal(mode)}, expected ${octal(want)}` };
      found.push(`mode ${octal(mode)}`);
    }
    if (e.contains !== undefined) {
      if (!target.isFile()) return { ok: false, message: `file ${e.path} is not a regular file, cannot look for ${brief(e.contains)}` };
      const text = await readFile(path, 'utf8');
      const re = scenarioRegex(e.contains);
      if (re ? !re.test(text) : !text.includes(e.contains)) {
        return { ok: false, message: `file ${e.path} (${text.length} bytes) does not contain ${re ? 'a match of ' : ''}${brief(e.contains)}` };
      }
      found.push(`contains ${brief(e.contains)}`);
    }
  }
  return { ok: true, message: `file ${e.path}${found.length ? ` ${found.join(', ')}` : ' exists'}` };
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
