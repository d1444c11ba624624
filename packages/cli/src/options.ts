import { InvalidArgumentError, type Command } from 'commander';
import { pki } from '@tlsboot/scenario';
import { isTlsbootError, parseDuration } from '@tlsboot/util';

/**
 * Option parsers shared by the commands. A value that cannot be used is commander's
 * InvalidArgumentError, so it is reported as a usage error (exit 2) naming the option.
 */

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A key algorithm name (ecdsa-p256, rsa-2048, ed25519, ...). */
export function keyAlgo(value: string): pki.KeySpec {
  try {
    return pki.parseKeySpec(value);
  } catch (err) {
    throw new InvalidArgumentError(`unknown key algorithm (supported: ${pki.keySpecs.join(', ')}).`);
  }
}

/** A Go duration ("87600h", "90m"), in milliseconds; must be positive. */
export function goDuration(value: string): number {
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch (err) {
    if (isTlsbootError(err)) throw new InvalidArgumentError(`${err.message.replace(/^duration: /, '')}.`);
    throw err;
  }
  if (!(ms > 0)) throw new InvalidArgumentError('the duration must be positive, e.g. 87600h.');
  return ms;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time ("2030-01-02T15:04:05Z"), as Go's time.RFC3339 reads it. */
export function rfc3339Time(value: string): Date {
  const date = new Date(value);
  if (!rfc3339.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('not an RFC 3339 time, e.g. 2030-01-02T15:04:05Z.');
  }
  return date;
}

/** An extended key usage name for verification ("server auth", "client auth", "any", ...). */
export function usageName(value: string, previous: string[] | undefined): string[] {
  if (!(value in pki.extKeyUsageOids)) {
    throw new InvalidArgumentError(`unknown usage (known: ${Object.keys(pki.extKeyUsageOids).join(', ')}).`);
  }
  return collect(value, previous);
}

/** An IP address for a SAN. */
export function ipAddress(value: string, previous: string[] | undefined): string[] {
  if (pki.sansFromHosts([value]).ipAddresses === undefined) throw new InvalidArgumentError('not an IP address.');
  return collect(value, previous);
}

/** A URI for a SAN (with a scheme, as cfssl requires). */
export function uri(value: string, previous: string[] | undefined): string[] {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value) || !URL.canParse(value)) throw new InvalidArgumentError('not a URI with a scheme, e.g. spiffe://cluster.local/ns/default/sa/web.');
  return collect(value, previous);
}

/** A file name for --name: no directory parts (use --out-dir for that). */
export function baseName(value: string): string {
  if (value === '' || /[/\\]/.test(value) || value === '.' || value === '..') {
    throw new InvalidArgumentError('a plain file name prefix, without directories (use --out-dir).');
  }
  return value;
}

export interface SubjectOptions {
  cn?: string;
  o?: string[];
  ou?: string[];
  c?: string[];
  st?: string[];
  l?: string[];
}

/** The subject flags of `ca` and `csr`, named after cfssl's CSR JSON fields. */
export function addSubjectOptions(command: Command): Command {
  return command
    .option('--cn <name>', 'subject common name (CN); Kubernetes reads it as the user name')
    .option('--o <org>', 'organization (O), repeatable; Kubernetes reads each as a group', collect)
    .option('--ou <unit>', 'organizational unit (OU), repeatable', collect)
    .option('--c <country>', 'country (C), repeatable', collect)
    .option('--st <state>', 'state or province (ST), repeatable', collect)
    .option('--l <locality>', 'locality (L), repeatable', collect);
}

export function subjectFrom(options: SubjectOptions): pki.Subject {
  const subject: pki.Subject = {};
  if (options.cn !== undefined) subject.commonName = options.cn;
  if (options.o) subject.organizations = options.o;
  if (options.ou) subject.organizationalUnits = options.ou;
  if (options.c) subject.countries = options.c;
  if (options.st) subject.provinces = options.st;
  if (options.l) subject.localities = options.l;
  return subject;
}

/** A help section of examples, shown after the options. */
export function examples(command: Command, lines: readonly string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}

/** A TCP port to listen on: 0 (the kernel picks a free one) to 65535. */
export function tcpPort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new InvalidArgumentError('a port number from 0 to 65535 (0 picks a free port).');
  return port;
}
