/**
 * The system under test: `tlsboot up` in a child process — a kube-apiserver and this
 * kube-controller-manager in one process, as kubeadm runs them (cmd/kubeadm/app/phases/controlplane
 * manifests.go: --use-service-account-credentials, --controllers=*,bootstrapsigner,tokencleaner,
 * --cluster-signing-{cert,key}-file = the cluster CA), on the wall clock. The bench reaches it only
 * over HTTPS with the admin kubeconfig it writes, the way every component meets another (the
 * kube-controller-manager package may not import kube-apiserver; the CLI is a program it runs).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repoRoot, 'packages/cli/src/bin.ts');
const readyLine = /^tlsboot: kube-apiserver ready at (https:\/\/\S+) — export KUBECONFIG=(\S+); kubectl get ns$/m;

export interface ControlPlaneProcess {
  url: string;
  workdir: string;
  /** admin.kubeconfig (system:masters). */
  kubeconfigPath: string;
  /** pki/ca.crt and pki/ca.key: the cluster CA, which is also the kubelet-client signing CA. */
  caPem: string;
  caKeyPem: string;
  pid: number;
  /** SIGTERM, then waits for the exit (a --cpu-prof profile is written then); removes the work dir unless kept. */
  stop(): Promise<void>;
}

export interface ControlPlaneLaunch {
  /** Node options before the script, e.g. ['--cpu-prof', '--cpu-prof-dir=prof']. */
  nodeArgs?: readonly string[];
  /** Keep the work directory (its path is printed by the caller). */
  keepWorkdir?: boolean;
  /** How long start-up may take; default 120 s (tsx compiles the sources first). */
  startTimeoutMs?: number;
}

/** Starts `tlsboot up --port 0` in a fresh temporary work directory and waits for its ready line. */
export async function startControlPlaneProcess(launch: ControlPlaneLaunch = {}): Promise<ControlPlaneProcess> {
  const workdir = await mkdtemp(join(tmpdir(), 'tlsboot-bench-csr-'));
  const args = [...(launch.nodeArgs ?? []), '--conditions=tlsboot-source', '--import', 'tsx', bin, 'up', '--workdir', workdir, '--port', '0'];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timeoutMs = launch.startTimeoutMs ?? 120_000;
  let ready: RegExpExecArray;
  try {
    ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tlsboot up: no ready line within ${timeoutMs} ms\n${stdout}${stderr}`)), timeoutMs);
      child.stdout.on('data', () => {
        const m = readyLine.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`tlsboot up exited with ${String(code)} before it was ready\n${stdout}${stderr}`));
      });
    });
  } catch (err) {
    child.kill('SIGTERM');
    await exited;
    await rm(workdir, { recursive: true, force: true });
    throw err;
  }
  const [caPem, caKeyPem] = await Promise.all([readFile(join(workdir, 'pki/ca.crt'), 'utf8'), readFile(join(workdir, 'pki/ca.key'), 'utf8')]);
  let stopping: Promise<void> | undefined;
  return {
    url: ready[1]!,
    kubeconfigPath: ready[2]!,
    workdir,
    caPem,
    caKeyPem,
    pid: child.pid ?? -1,
    stop: () =>
      (stopping ??= (async () => {
        child.kill('SIGTERM');
        const code = await exited;
        if (!launch.keepWorkdir) await rm(workdir, { recursive: true, force: true });
        if (code !== 0) throw new Error(`tlsboot up exited with ${String(code)}\n${stderr}`);
      })()),
  };
}
