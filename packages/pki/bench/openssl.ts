/**
 * The openssl side of the benchmark: `openssl speed` for raw sign/verify rates, and
 * `openssl genpkey` run once per key for key generation (OpenSSL 3.0's `speed` has no key
 * generation test), with the process start-up measured separately so it can be taken out.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { measure, type RoundPlan, type Throughput } from './measure.js';

const run = promisify(execFile);

export interface SignVerifyRate {
  sign: number;
  verify: number;
}

export interface SpeedFigures {
  rsa: Map<number, SignVerifyRate>;
  ecdsa: Map<number, SignVerifyRate>;
}

/** `openssl version` (first line), or undefined when there is no openssl on PATH. */
export async function opensslVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('openssl', ['version']);
    return stdout.trim().split('\n')[0];
  } catch {
    return undefined;
  }
}

/**
 * Reads the machine-readable (`-mr`) result lines of `openssl speed`: `+F2:i:bits:sign/s:verify/s`
 * for RSA and `+F4:i:bits:sign/s:verify/s` for ECDSA (apps/speed.c; OpenSSL 3.2+ appends RSA
 * encrypt/decrypt rates after these, which are ignored).
 */
export function parseSpeedOutput(text: string): SpeedFigures {
  const figures: SpeedFigures = { rsa: new Map(), ecdsa: new Map() };
  for (const line of text.split('\n')) {
    const m = /^\+F([24]):\d+:(\d+):([\d.]+):([\d.]+)/.exec(line.trim());
    if (!m) continue;
    const rate = { sign: Number(m[3]), verify: Number(m[4]) };
    (m[1] === '2' ? figures.rsa : figures.ecdsa).set(Number(m[2]), rate);
  }
  return figures;
}

/** `openssl speed -mr -seconds S ecdsap256 rsa2048`: one run, single process. */
export async function opensslSpeed(seconds: number): Promise<SpeedFigures> {
  const { stdout, stderr } = await run('openssl', ['speed', '-mr', '-seconds', String(seconds), 'ecdsap256', 'rsa2048'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  // Older releases print the -mr lines on stderr.
  return parseSpeedOutput(`${stdout}\n${stderr}`);
}

export interface GenpkeyFigures {
  /** Keys per second with one `openssl genpkey` process per key. */
  perProcess: Throughput;
  /** Processes per second of a run of the same binary that generates no key (`-genparam` for P-256). */
  startup: Throughput;
  /**
   * Keys per second with the process start-up taken out (1 / (t_genpkey − t_startup)), or
   * undefined when start-up is more than 3/4 of the time and the difference is noise.
   */
  keygenOnly: number | undefined;
}

const genpkeyArgs = {
  'ecdsa-p256': ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  'rsa-2048': ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
} as const;
const startupArgs = ['genpkey', '-genparam', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];

/** Measures the start-up of an `openssl genpkey` process, once for all key types. */
export function measureStartup(plan: RoundPlan): Promise<Throughput> {
  return measure(() => run('openssl', startupArgs), plan);
}

/** Key generation by `openssl genpkey`, one process per key, against a measured start-up. */
export async function opensslGenpkey(spec: keyof typeof genpkeyArgs, plan: RoundPlan, startup: Throughput): Promise<GenpkeyFigures> {
  const perProcess = await measure(() => run('openssl', [...genpkeyArgs[spec]]), plan);
  const tKey = 1 / perProcess.median;
  const tStart = 1 / startup.median;
  const keygenOnly = tKey - tStart > tKey / 4 ? 1 / (tKey - tStart) : undefined;
  return { perProcess, startup, keygenOnly };
}

/** Rate of an operation made of several raw crypto operations done one after another. */
export function combinedRate(...rates: number[]): number {
  return 1 / rates.reduce((sum, r) => sum + 1 / r, 0);
}

