import { InvalidArgumentError, type Command } from 'commander';
import { benchJson, progressLine, renderBenchTable, runStorm, type pki, type StormProgress } from '@tlsboot/scenario';
import { exitCode, type CliIo } from '../io.js';
import { examples } from '../options.js';

interface BenchOptions {
  nodes: number;
  concurrency?: number;
  keyAlgorithm: pki.KeySpec;
  json?: boolean;
  keep?: boolean;
  timeout: number;
  crypto: boolean;
  nodeTimes?: boolean;
  rotateCertificates?: boolean;
  workers?: number;
}

function wholeNumber(what: string) {
  return (value: string): number => {
    const v = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(v)) throw new InvalidArgumentError(`${what} must be a whole number (0 or more).`);
    return v;
  };
}

function positiveInt(what: string) {
  return (value: string): number => {
    const v = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(v) || v < 1) throw new InvalidArgumentError(`${what} must be a whole number of at least 1.`);
    return v;
  };
}

/** `--key-algorithm`: P-256 (ECDSA, the kubelet's own) or RSA-2048. */
export function benchKeyAlgorithm(value: string): pki.KeySpec {
  const v = value.trim().toLowerCase();
  if (v === 'p-256' || v === 'p256' || v === 'ecdsa-p256') return 'ecdsa-p256';
  if (v === 'rsa-2048' || v === 'rsa2048') return 'rsa-2048';
  throw new InvalidArgumentError('choose P-256 or RSA-2048.');
}

/**
 * `tlsboot bench`: the join storm of issue 8 — N kubelets through the whole TLS bootstrap
 * against one cluster, with the figures and the crypto ceiling of the same process. Exit 0 when
 * every node holds both certificates and nothing went wrong, 1 otherwise.
 */
export function benchCommand(parent: Command, io: CliIo, setExit: (code: number) => void): Command {
  const command = parent
    .command('bench')
    .description('join storm: N kubelets bootstrap client and serving certificates against one cluster at once; prints nodes/s, latencies, CSRs/s, requests/s, memory, CPU and the crypto ceiling')
    .option('--nodes <n>', 'how many kubelets join', positiveInt('--nodes'), 1000)
    .option('--concurrency <n>', 'at most this many joins in flight (default: all at once)', positiveInt('--concurrency'))
    .option('--key-algorithm <alg>', "the kubelets' key algorithm: P-256 (the kubelet's own) or RSA-2048", benchKeyAlgorithm, 'ecdsa-p256' as pki.KeySpec)
    .option('--json', 'print one JSON object instead of the table')
    .option('--node-times', 'with --json: include every node\'s milestones')
    .option('--keep', 'keep the temporary work directory (control-plane files, every node\'s cert dir)')
    .option('--timeout <seconds>', 'give up on nodes not done after this many seconds', positiveInt('--timeout'), 300)
    .option('--rotate-certificates', "kubelet Path A (the client certificate manager in the background) instead of Path B (--bootstrap-kubeconfig, LoadClientCert first; the default)")
    .option('--workers <n>', 'worker threads hosting the kubelets (default: cores − 1, at least 1; 0 = all in the main thread with the control plane)', wholeNumber('--workers'))
    .option('--no-crypto', 'skip the crypto ceiling measured after the storm')
    .action(async (options: BenchOptions) => {
      const tty = io.stderr.isTTY === true;
      const onProgress = (p: StormProgress): void => {
        // a bar redrawn in place on a terminal; otherwise a plain line every 2 s (and the last one)
        if (tty) io.stderr.write(`\r${progressLine(p, 30)}`);
        else if (p.done === p.total || Math.floor(p.elapsedMs / 2000) !== Math.floor((p.elapsedMs - 500) / 2000)) io.stderr.write(`${progressLine(p)}\n`);
      };
      const result = await runStorm({
        nodes: options.nodes,
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        keySpec: options.keyAlgorithm,
        keep: options.keep === true,
        timeoutMs: options.timeout * 1000,
        crypto: options.crypto,
        rotateCertificates: options.rotateCertificates === true,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        onProgress,
      });
      if (tty) io.stderr.write('\n');
      if (options.json) io.stdout.write(`${JSON.stringify(benchJson(result, { nodeTimes: options.nodeTimes === true }))}\n`);
      else io.stdout.write(renderBenchTable(result));
      const ok = result.errors.length === 0 && result.figures.nodesDone === result.figures.nodes;
      if (!ok) {
        io.stderr.write(`tlsboot: bench failed: ${result.figures.nodesDone} of ${result.figures.nodes} nodes done, ${result.errors.length} errors${result.errors[0] ? ` (first: ${result.errors[0]})` : ''}\n`);
        setExit(exitCode.failure);
      }
    });
  return examples(command, ['tlsboot bench', 'tlsboot bench --nodes 100 --json', 'tlsboot bench --nodes 300 --concurrency 50 --key-algorithm RSA-2048', 'tlsboot bench --nodes 300 --workers 0 --rotate-certificates', 'npm run bench -- --nodes 1000']);
}
