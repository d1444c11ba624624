/**
 * Helpers shared by the pki tests (and by the bench and test/openssl-interop.test.ts): expected
 * failures, a DER reader, certificate and CSR builders, the article's fixtures, temporary
 * directories. Not part of the package's API: index.ts does not export it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TlsbootError, type DurationErrorCode } from '@tlsboot/util';
import * as assert from 'uvu/assert';
import type { CertificateAuthority } from './certificate-authority.js';
import { createCertificateRequest, type CertificateRequest } from './certificate-request.js';
import type { Certificate } from './certificate.js';
import { PkiError, type PkiErrorCode } from './errors.js';
import { generateKeyPair, signingAlgorithm, type KeyPair, type KeySpec } from './key-pair.js';
import type { Subject } from './name.js';
import { signCertificate, type SigningProfile } from './sign.js';
import type { SubjectAltNames } from './subject-alt-names.js';
import { x509 } from './x509.js';

/** The codes a pki call fails with: its own, and DURATION_INVALID from util's parseDuration (cfssl expiries). */
export type ErrorCode = PkiErrorCode | DurationErrorCode;

/** Checks a caught error: the class (PkiError for pki's own codes), the code, every pattern; returns the message. */
function caught(err: unknown, code: ErrorCode, patterns: (string | RegExp)[]): string {
  const expected = code === 'DURATION_INVALID' ? TlsbootError : PkiError;
  assert.instance(err, expected, `not a ${expected.name}: ${String(err)}`);
  const { message } = err as Error;
  assert.is((err as TlsbootError).code, code, message);
  for (const p of patterns) assert.match(message, p);
  return message;
}

/** Runs `fn`, which must throw an error with `code` and a message matching every pattern; returns the message. */
export function throwsCode(fn: () => unknown, code: ErrorCode, ...patterns: (string | RegExp)[]): string {
  try {
    fn();
  } catch (err) {
    return caught(err, code, patterns);
  }
  assert.unreachable(`expected a ${code} error`);
  return '';
}

/** The same for a promise, or a function returning one: it must reject with `code`. */
export async function rejectsCode(action: Promise<unknown> | (() => Promise<unknown>), code: ErrorCode, ...patterns: (string | RegExp)[]): Promise<string> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (err) {
    return caught(err, code, patterns);
  }
  assert.unreachable(`expected a ${code} error`);
  return '';
}

/** One DER element: its tag, and the start and end offsets of its value in the buffer. */
export interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** Reads the DER element at `at` (short and long length forms). */
export function readTlv(der: Uint8Array, at: number): Tlv {
  const tag = der[at]!;
  let length = der[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[start + i]!;
    start += n;
  }
  return { tag, start, end: start + length };
}

/**
 * RFC 5280 4.2.1.2 method 1, as Go and cfssl (signer.ComputeSKI) compute a key id: SHA-1 of the
 * bits of the SubjectPublicKeyInfo's subjectPublicKey BIT STRING, as hex.
 */
export function keyIdOf(spki: Uint8Array): string {
  const info = readTlv(spki, 0);
  const algorithm = readTlv(spki, info.start);
  const bits = readTlv(spki, algorithm.end);
  assert.is(bits.tag, 0x03);
  return createHash('sha1').update(spki.subarray(bits.start + 1, bits.end)).digest('hex');
}

/** A fresh key, its CSR and the certificate signed for it: what a node or a client ends up holding. */
export interface Issued {
  keys: KeyPair;
  request: CertificateRequest;
  certificate: Certificate;
}

/** Generates a key (ECDSA P-256 unless told), requests `subject` and `subjectAltNames`, and has `ca` sign it at `now`. */
export async function issueCertificate(options: {
  ca: CertificateAuthority;
  subject: Subject;
  subjectAltNames?: SubjectAltNames;
  profile: SigningProfile;
  now: Date;
  keySpec?: KeySpec;
}): Promise<Issued> {
  const { ca, subject, subjectAltNames, profile, now, keySpec = 'ecdsa-p256' } = options;
  const keys = await generateKeyPair(keySpec);
  const request = await createCertificateRequest({ keys, subject, subjectAltNames });
  return { keys, request, certificate: await signCertificate({ ca, request, profile, now }) };
}

/** A CSR made directly with @peculiar/x509, so a test chooses every extension it requests. */
export function foreignRequest(keys: KeyPair, name: string, extensions: x509.Extension[]): Promise<x509.Pkcs10CertificateRequest> {
  return x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys: { privateKey: keys.privateKey, publicKey: keys.publicKey },
    signingAlgorithm: signingAlgorithm(keys.spec),
    extensions,
  });
}

/** A file of src/cfssl/testdata (the article's cfssl inputs), as text. */
export const cfsslTestdata = (name: string): string => readFileSync(new URL(`./cfssl/testdata/${name}`, import.meta.url), 'utf8');

/**
 * Runs `fn` in a fresh temporary directory named `prefix…` and removes it afterwards, also when
 * `fn` made it read-only.
 */
export async function withTempDir(prefix: string, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    await fn(dir);
  } finally {
    await chmod(dir, 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** The article's kube-proxy subject, in the order Go writes it (C, ST, L, O, OU, CN). */
export const kubeProxySubject: Subject = {
  countries: ['CN'],
  provinces: ['BeiJing'],
  localities: ['BeiJing'],
  organizations: ['k8s'],
  organizationalUnits: ['System'],
  commonName: 'system:kube-proxy',
};
