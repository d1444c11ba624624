import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isTlsbootError, realClock } from '@tlsboot/util';
import { normalizeCfsslArgv } from './cfssl-argv.js';
import { demoCommand } from './commands/demo.js';
import { pkiCommand } from './commands/pki.js';
import { exitCode, type CliIo } from './io.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export interface MainOptions extends Partial<CliIo> {
  /** The clock commands issue and verify at; default the wall clock. */
  now?: () => Date;
}

/** Builds the `tlsboot` program. Every command reports through `io`; nothing reaches for process.*. */
export function buildProgram(io: CliIo, now: () => Date, setExit: (code: number) => void): Command {
  const program = new Command('tlsboot')
    .description('The Kubernetes TLS bootstrap in one process, over real mutual TLS. For now: the PKI toolkit and its walk-through.')
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
Exit codes: 0 ok; 1 verification failed or the work failed (bad input file, file exists, ...);
2 usage error (unknown option, missing or invalid argument).

Examples:
  tlsboot demo
  tlsboot pki gencert -initca ca-csr.json --bare ca
  tlsboot pki gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes kube-proxy-csr.json | cfssljson -bare kube-proxy
  tlsboot pki verify --ca-file ca.pem kube-proxy.pem
`,
    );
  demoCommand(program, io);
  pkiCommand(program, { io, now, setExit });
  return program;
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
