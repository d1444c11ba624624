import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { activity } from '@tlsboot/util';
import { ControlPlaneError } from './errors.js';

/** One file of the work directory; `path` is relative to it. */
export interface WorkdirFile {
  path: string;
  content: string;
  /** 0o600 for anything holding a private key (keyutil.WriteKey); 0o644 otherwise (certutil.WriteCert). */
  mode: number;
}

/**
 * Makes sure `dir` is a directory, creating it (and its parents) when missing. An existing file
 * of that name is refused rather than replaced.
 */
export async function prepareWorkdir(dir: string): Promise<void> {
  const existing = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new ControlPlaneError('WORKDIR', `work directory ${dir}: ${err.message}`, { cause: err });
  });
  if (existing && !existing.isDirectory()) {
    throw new ControlPlaneError('WORKDIR', `work directory ${dir}: exists and is not a directory; give a directory (or a path that does not exist yet)`);
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new ControlPlaneError('WORKDIR', `work directory ${dir}: cannot create it: ${(err as Error).message}`, { cause: err });
  }
}

let tempCounter = 0;

/**
 * Writes every file or none: each goes to a temporary name beside its target (created with its
 * final mode, so a key is never readable by others, not even for a moment), and only when all
 * are written are they renamed into place, replacing files of a previous run. Subdirectories are
 * created 0755, as kubeadm's certutil/keyutil do.
 */
export function writeWorkdirFiles(dir: string, files: readonly WorkdirFile[]): Promise<string[]> {
  return activity.track(writeAll(dir, files));
}

async function writeAll(dir: string, files: readonly WorkdirFile[]): Promise<string[]> {
  const temps: string[] = [];
  const targets = files.map((f) => join(dir, f.path));
  try {
    for (const [i, file] of files.entries()) {
      const target = targets[i]!;
      await mkdir(dirname(target), { recursive: true, mode: 0o755 });
      const temp = join(dirname(target), `.${relative(dirname(target), target)}.tmp-${process.pid}-${++tempCounter}`);
      temps.push(temp);
      const handle = await open(temp, 'wx', file.mode);
      try {
        await handle.writeFile(file.content, 'utf8');
      } finally {
        await handle.close();
      }
      await chmod(temp, file.mode); // the umask may have taken bits away from a 0644 certificate
    }
    for (const [i, temp] of temps.entries()) await rename(temp, targets[i]!);
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw new ControlPlaneError('FILE_WRITE', `work directory ${dir}: cannot write ${files.map((f) => f.path).join(', ')}: ${(err as Error).message}`, { cause: err });
  }
  return targets;
}
