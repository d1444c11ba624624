// Shared helpers of the tests that drive the real kubectl (v1.32) against a live tlsboot
// apiserver: whether kubectl is installed (each test file prints its own `skip:` line when it is
// not), a kubeconfig file per identity, an environment of the test's own (KUBECONFIG,
// KUBECACHEDIR, HOME: nothing of the user's ~/.kube leaks in or out), and one way to run kubectl.
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildKubeconfig, writeKubeconfig } from '@tlsboot/client';
import type { ApiServer } from '@tlsboot/kube-apiserver';

/** True when a `kubectl` binary runs. */
export const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).error === undefined;

/** What one kubectl run returned. */
export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** kubectl's environment: this kubeconfig, and a discovery cache (`<dir>/<cache>`) and HOME inside the test's folder. */
export function kubectlEnv(dir: string, kubeconfig: string, cache = 'cache'): NodeJS.ProcessEnv {
  return { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, cache), HOME: dir };
}

/** Runs kubectl (30 s at most); a non-zero exit is a result, not an exception (code −1 when kubectl did not exit). */
export function runKubectl(env: NodeJS.ProcessEnv, args: string[]): Promise<KubectlRun> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { env, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });
}

/** Runs kubectl, which must succeed: its stdout; otherwise throws with its exit code and stderr. */
export async function kubectlOk(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const r = await runKubectl(env, args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Where a kubeconfig goes and the names in it. */
export interface KubeconfigFile {
  /** The test's folder; the file is `<dir>/<file>.kubeconfig`. */
  dir: string;
  file: string;
  server: Pick<ApiServer, 'url' | 'caPem' | 'issueClientCertificate'>;
  /** The user entry's name. */
  user: string;
  /** The cluster entry's name; `tlsboot` when absent. */
  cluster?: string;
  /** The context's name; `<user>@<cluster>` when absent. */
  context?: string;
  /** The context's namespace. */
  namespace?: string;
}

export type KubeconfigCredentials = { clientCertPem: string; clientKeyPem: string } | { token: string };

/** Writes a kubeconfig with one cluster (the server and its CA), one user with these credentials and one context; its path. */
export async function writeTestKubeconfig(f: KubeconfigFile, credentials: KubeconfigCredentials): Promise<string> {
  const path = join(f.dir, `${f.file}.kubeconfig`);
  const cluster = f.cluster ?? 'tlsboot';
  const names = { user: f.user, cluster, context: f.context ?? `${f.user}@${cluster}`, ...(f.namespace ? { namespace: f.namespace } : {}) };
  await writeKubeconfig(path, buildKubeconfig({ server: f.server.url, caPem: f.server.caPem, ...names, ...credentials }));
  return path;
}

/** A client certificate from the server's CA (CN = commonName, O = organizations) in a kubeconfig of its own. */
export async function writeCertKubeconfig(f: KubeconfigFile, commonName: string, organizations: string[] = []): Promise<{ kubeconfig: string; certPem: string }> {
  const issued = await f.server.issueClientCertificate({ commonName, organizations });
  return { kubeconfig: await writeTestKubeconfig(f, { clientCertPem: issued.certPem, clientKeyPem: issued.keyPem }), certPem: issued.certPem };
}
