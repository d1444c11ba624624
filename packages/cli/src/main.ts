import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isTlsbootError, realClock } from '@tlsboot/util';
import { normalizeCfsslArgv } from './cfssl-argv.js';
import { benchCommand } from './commands/bench.js';
import { demoCommand } from './commands/demo.js';
import { joinCommand } from './commands/join.js';
import { pkiCommand } from './commands/pki.js';
import { scenarioCommands } from './commands/scenarios.js';
import { tokenCommand } from './commands/token.js';
import { upCommand } from './commands/up.js';
import { exitCode, type CliIo } from './io.js';
import { processStopRequests, signalStopRequests } from './stop-requests.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export interface MainOptions extends Partial<CliIo> {
  /** The clock commands issue and verify at; default the wall clock. */
  now?: () => Date;
  /**
   * Stops a long-running command (`tlsboot up`) when it aborts, as Ctrl-C or SIGTERM stop the
   * real process. Without it (and without `stopRequests`) those commands listen for SIGINT and
   * SIGTERM.
   */
  signal?: AbortSignal;
}

/** Builds the `tlsboot` program. Every command reports through `io`; nothing reaches for process.*. */
export function buildProgram(io: CliIo, now: () => Date, setExit: (code: number) => void): Command {
  const program = new Command('tlsboot')
    .description('The Kubernetes TLS bootstrap in one process, over real mutual TLS. For now: the PKI toolkit, its walk-through, and a kube-apiserver that kubectl talks to.')
    .version(manifest.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`tlsboot: ${text.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText(
      'after',
      `
Exit codes: 0 ok; 1 verification failed, an expectation failed or the work failed (bad input
file, file exists, ...); 2 usage error (unknown option, missing or invalid argument, a scenario
file that does not load); 130 / 143 a run interrupted by Ctrl-C / SIGTERM.

Examples:
  tlsboot tour                       # what npm start runs: the article's whole flow, narrated
  tlsboot demo
  tlsboot list
  tlsboot run scenarios/
  tlsboot explain kubelet-first-csr
  tlsboot up --workdir ./cluster
  tlsboot up --workdir ./cluster --scenario scenarios/article/07-serving-csr-manual-approval.yaml
  tlsboot token create --workdir ./cluster
  tlsboot pki gencert -initca ca-csr.json --bare ca
  tlsboot pki gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes kube-proxy-csr.json | cfssljson -bare kube-proxy
  tlsboot pki verify --ca-file ca.pem kube-proxy.pem
`,
    );
  demoCommand(program, io);
  pkiCommand(program, { io, now, setExit });
  upCommand(program, io);
  tokenCommand(program, { io, now });
  joinCommand(program, io);
  scenarioCommands(program, io, setExit);
  benchCommand(program, io, setExit);
  return program;
}

function stopRequestsFrom(signal: AbortSignal | undefined): CliIo['stopRequests'] {
  return signal ? () => signalStopRequests(signal) : processStopRequests;
}

/**
 * Runs `tlsboot` with `argv` as process.argv holds it (node, script, arguments...) and returns
 * the exit code: 0 ok, 1 verification or runtime failure, 2 usage error. User errors (a
 * TlsbootError: bad file, bad input) print `tlsboot: <message>` without a stack trace;
 * anything unexpected prints its stack.
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io: CliIo = {
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    stdin: options.stdin ?? process.stdin,
    stopRequests: options.stopRequests ?? stopRequestsFrom(options.signal),
  };
  let code: number = exitCode.ok;
  const program = buildProgram(io, options.now ?? (() => realClock.now()), (c) => (code = Math.max(code, c)));
  try {
    await program.parseAsync(normalizeCfsslArgv(argv.slice(2)), { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? exitCode.ok : exitCode.usage;
    if (isTlsbootError(err)) {
      io.stderr.write(`tlsboot: ${err.message}\n`);
      return err.code === 'USAGE' ? exitCode.usage : exitCode.failure;
    }
    io.stderr.write(`tlsboot: unexpected error (a bug; please report it):\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return exitCode.failure;
  }
}
