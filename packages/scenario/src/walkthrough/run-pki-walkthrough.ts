import { chmod, mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportPrivateKeyPem, formatRFC3339 } from '@tlsboot/pki';
import { realClock } from '@tlsboot/util';
import { mutualTlsHandshake, type HandshakeView } from './mutual-tls.js';
import { colors, renderStep, type StepReport } from './report.js';
import type { OutputFile, StepResult } from './step.js';
import { clusterCaStep } from './step-ca.js';
import { handshakeReport } from './step-handshake.js';
import { introReport } from './step-intro.js';
import { kubeProxyStep, type KubeProxyOutcome } from './step-kube-proxy.js';
import { csrStep, keyPairStep, publicKeyStep } from './steps-keys.js';
import { clientStep, signServerStep, verifyStep, type VerifyOutcome } from './steps-sign.js';

export { colorWanted } from './report.js';

export interface PkiWalkthroughOptions {
  /** Where the files go; default a fresh directory under the system temp dir, kept afterwards. */
  workdir?: string;
  /** Receives the narration, one line at a time (no trailing newline). */
  out: (line: string) => void;
  /** ANSI colours; default off (the cli turns them on for a terminal without NO_COLOR). */
  color?: boolean;
  /** The clock time everything is issued and verified at; default the wall clock. */
  now?: Date;
}

export interface PkiWalkthroughResult {
  workdir: string;
  /** Every file written, relative to `workdir`, in the order written. */
  files: string[];
  verify: VerifyOutcome;
  handshake: HandshakeView;
  kubeProxy: KubeProxyOutcome;
}

/** Writes a file through a temporary name and a rename, so nobody reads half a file. */
async function writeOutput(dir: string, file: OutputFile): Promise<void> {
  const path = join(dir, file.name);
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, file.content, { mode: file.mode ?? 0o644 });
  if (file.mode !== undefined) await chmod(temp, file.mode);
  await rename(temp, path);
}

/**
 * The narrated PKI walk-through of the article's first section (seed/article.zh.md): the
 * cluster CA, a key pair, its public key, a CSR, a server and a client certificate, chain
 * verification (and how it fails), a real mutual-TLS handshake on 127.0.0.1, and the article's
 * cfssl step for kube-proxy. Steps are pure over their inputs; this function does the I/O.
 */
export async function runPkiWalkthrough(options: PkiWalkthroughOptions): Promise<PkiWalkthroughResult> {
  const now = options.now ?? realClock.now();
  const c = colors(options.color ?? false);
  const workdir = options.workdir === undefined ? await mkdtemp(join(tmpdir(), 'tlsboot-walkthrough-')) : resolve(options.workdir);
  await mkdir(workdir, { recursive: true });
  const files: string[] = [];
  const total = 10;
  let n = 0;
  const say = (report: Omit<StepReport, 'files'>, written: OutputFile[] = []) => {
    n += 1;
    for (const line of renderStep({ ...report, files: written.map((f) => f.name) }, n, total, c)) options.out(line);
  };
  const step = async <T>(result: StepResult<T>): Promise<T> => {
    for (const file of result.files) {
      await writeOutput(workdir, file);
      files.push(file.name);
    }
    say(result.report, result.files);
    return result.value;
  };

  options.out(c.bold('tlsboot — the PKI walk-through of the article\'s first section'));
  options.out(c.dim(`clock: ${formatRFC3339(now)}   work directory: ${workdir}`));
  say(introReport());

  const ca = await step(await clusterCaStep(now));
  const serverKeys = await step(await keyPairStep());
  await step(await publicKeyStep(serverKeys));
  const csr = await step(await csrStep(serverKeys));
  const server = await step(await signServerStep(ca, csr, now));
  const client = await step(await clientStep(ca, now));
  const verify = await step(await verifyStep(ca, server, client.certificate, csr, now));

  const handshake = await mutualTlsHandshake({
    caPem: ca.certificate.pem,
    ca: ca.certificate,
    server: { keyPem: await exportPrivateKeyPem(serverKeys), certPem: server.pem },
    client: { keyPem: await exportPrivateKeyPem(client.keys), certPem: client.certificate.pem },
    at: now,
  });
  say(handshakeReport(handshake));
  const kubeProxy = await step(await kubeProxyStep(ca, now));

  options.out('');
  options.out(c.bold(`All files are in ${workdir} (kept). Look at them with openssl, for example:`));
  options.out(`    cd ${workdir}`);
  options.out('    openssl verify -CAfile ca.pem server.pem client.pem kube-proxy.pem');
  options.out('    openssl x509 -in kube-proxy.pem -noout -text');
  return { workdir, files, verify, handshake, kubeProxy };
}
