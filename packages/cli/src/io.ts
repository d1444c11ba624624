import type { Command } from 'commander';
import { TlsbootError } from '@tlsboot/util';

/** Where a command writes; process.stdout / process.stderr, or a buffer in tests. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything a command touches of its process, passed in so main() runs in tests as it does in a shell. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  /** Relative paths on the command line are resolved against this directory. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Read when an input file is given as "-" (cfssl's convention). */
  stdin: AsyncIterable<string | Uint8Array>;
  /**
   * For commands that run until stopped (`tlsboot up`): starts listening for a request to stop
   * — Ctrl-C (SIGINT) or SIGTERM for the real process, an AbortSignal in tests. Listening
   * begins only when a command asks, so every other command keeps Node's default Ctrl-C.
   */
  stopRequests: () => StopRequests;
}

/** A stop request being listened for; `signal.reason` names what asked (`SIGINT`, `SIGTERM`, …). */
export interface StopRequests {
  signal: AbortSignal;
  /** Stops listening (removes the process signal handlers); safe to call more than once. */
  release(): void;
}

/**
 * Failures of the cli itself. USAGE is a command line that cannot be run (exit 2); the others
 * are runtime failures (exit 1): a file that cannot be read, would be overwritten, or cannot
 * be written.
 */
export type CliErrorCode = 'USAGE' | 'FILE_READ' | 'FILE_EXISTS' | 'FILE_WRITE' | 'INPUT_INVALID';

export class CliError extends TlsbootError<CliErrorCode> {}

/** Exit codes: 0 ok, 1 a verification or runtime failure, 2 a usage error. */
export const exitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** The exit code of a command stopped by a signal, as a shell reports it: 128 + the signal number (SIGINT 130, SIGTERM 143). */
export function interruptedExitCode(reason: string): number {
  return reason === 'SIGTERM' ? 143 : reason === 'SIGHUP' ? 129 : 130;
}

/** Reports a usage error the way commander reports its own (exit 2, hint to --help). */
export function usageError(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: exitCode.usage, code: 'tlsboot.usage' });
}
