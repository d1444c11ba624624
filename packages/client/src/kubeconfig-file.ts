// Reading and writing kubeconfig files: k8s.io/client-go/tools/clientcmd/loader.go
// (LoadFromFile, ResolveLocalPaths, GetClusterFileReferences, GetAuthInfoFileReferences,
// WriteToFile).
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { activity } from '@tlsboot/util';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ClientError } from './errors.js';
import { goPathError } from './go-errors.js';
import { parseKubeconfig, serializeKubeconfig } from './kubeconfig.js';
import type { Kubeconfig } from './kubeconfig.js';

export interface LoadKubeconfigOptions {
  /**
   * Make relative file references absolute against the kubeconfig's directory, as
   * ClientConfigLoadingRules.Load does unless DoNotResolvePaths is set. Default true.
   */
  resolvePaths?: boolean;
}

/**
 * clientcmd.LoadFromFile + ResolveLocalPaths: the file as YAML or JSON. The references resolved
 * are the ones client-go resolves — certificate-authority, client-certificate, client-key,
 * tokenFile — and only when they are relative and not empty.
 */
export async function loadKubeconfig(path: string, options: LoadKubeconfigOptions = {}): Promise<Kubeconfig> {
  let text: string;
  try {
    text = await activity.track(readFile(path, 'utf8'));
  } catch (err) {
    throw new ClientError('KUBECONFIG_READ', `error loading config file "${path}": ${goPathError('open', path, err)}`, {
      cause: err,
    });
  }
  const config = parseKubeconfig(text, path);
  if (options.resolvePaths ?? true) resolveLocalPaths(config, dirname(resolve(path)));
  return config;
}

/** clientcmd.ResolveLocalPaths for one file's stanzas, in place. */
export function resolveLocalPaths(config: Kubeconfig, baseDir: string): void {
  const abs = (p: string | undefined): string | undefined => (p && !isAbsolute(p) ? join(baseDir, p) : p);
  for (const { cluster } of config.clusters) {
    if (cluster['certificate-authority']) cluster['certificate-authority'] = abs(cluster['certificate-authority']);
  }
  for (const { user } of config.users) {
    if (user['client-certificate']) user['client-certificate'] = abs(user['client-certificate']);
    if (user['client-key']) user['client-key'] = abs(user['client-key']);
    if (user.tokenFile) user.tokenFile = abs(user.tokenFile);
  }
}

let tempCounter = 0;

/**
 * clientcmd.WriteToFile, made atomic: the directory is created (0755) when missing, the YAML
 * goes to a temporary file beside the target (mode 0600) and is renamed over it, so a reader
 * never sees half a kubeconfig and a failure leaves nothing behind.
 */
export async function writeKubeconfig(path: string, config: Kubeconfig): Promise<void> {
  const content = serializeKubeconfig(config);
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.tmp-${process.pid}-${++tempCounter}`);
  // File I/O on the thread pool is work the clock cannot see (DESIGN.md "Time").
  const end = activity.begin();
  try {
    await mkdir(dir, { recursive: true, mode: 0o755 });
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(content, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    const op = (err as { syscall?: string }).syscall ?? 'write';
    throw new ClientError('KUBECONFIG_WRITE', `cannot write kubeconfig "${path}": ${goPathError(op, path, err)}`, {
      cause: err,
    });
  } finally {
    end();
  }
}
