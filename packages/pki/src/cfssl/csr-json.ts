import { parseDuration } from '@tlsboot/util';
import { PkiError } from '../errors.js';
import type { KeySpec } from '../key-pair.js';
import type { Subject } from '../name.js';
import { lazyValidator, readJsonInput } from './json-input.js';
import { csrJsonSchema } from './schemas.js';

/** One entry of a CSR JSON `names` list (csr.Name). */
export interface CfsslCsrName {
  C?: string;
  ST?: string;
  L?: string;
  O?: string;
  OU?: string;
}

export type CfsslKeyAlgo = 'ecdsa' | 'rsa' | 'ed25519';

/** The `ca` section (csr.CAConfig), used by -initca only. */
export interface CfsslCaSection {
  /** Go duration of the CA certificate; undefined or "" = 43800h. */
  expiry?: string;
  /** BasicConstraints path length; 0 (or -1) = unlimited unless `pathlenzero`. */
  pathlen: number;
  pathlenzero: boolean;
}

/** A cfssl CSR JSON, parsed and checked. */
export interface CfsslCsrRequest {
  /** The file it came from, for messages about it later (gencert). */
  source: string;
  CN: string;
  names: CfsslCsrName[];
  hosts: string[];
  key: { algo: CfsslKeyAlgo; size: number };
  /** The tlsboot key spec `key` stands for. */
  keySpec: KeySpec;
  ca?: CfsslCaSection;
}

interface RawCsrJson {
  CN?: string;
  names?: CfsslCsrName[] | null;
  hosts?: string[] | null;
  key?: { algo?: string; size?: number } | null;
  ca?: { expiry?: string; pathlen?: number; pathlenzero?: boolean } | null;
}

const validateCsrJson = lazyValidator(csrJsonSchema);

/**
 * The key spec of a cfssl key request (csr.KeyRequest.Generate). cfssl decodes `key` over its
 * default {ecdsa, 256}, so a field left out keeps the default: {"algo": "rsa"} alone asks for a
 * 256-bit RSA key, which cfssl refuses ("RSA key is too weak") and so does this.
 */
function keySpecOf(algo: string, size: number, source: string): KeySpec {
  if (algo === 'ed25519') return 'ed25519';
  if (algo === 'ecdsa') {
    if (size === 256 || size === 384 || size === 521) return `ecdsa-p${size}` as KeySpec;
    throw new PkiError('KEY_UNSUPPORTED', `${source}: /key/size: ecdsa key size ${size} is not supported (cfssl: invalid curve; use 256, 384 or 521)`);
  }
  if (algo === 'rsa') {
    if (size === 2048 || size === 3072 || size === 4096) return `rsa-${size}` as KeySpec;
    throw new PkiError('KEY_UNSUPPORTED', `${source}: /key/size: rsa key size ${size} is not supported (use 2048, 3072 or 4096)`);
  }
  throw new PkiError('KEY_UNSUPPORTED', `${source}: /key/algo: unknown key algorithm "${algo}" (use ecdsa, rsa or ed25519)`);
}

/**
 * Parses a cfssl CSR JSON (`ca-csr.json`, `kube-proxy-csr.json`): `CN`, `names`, `hosts`,
 * `key`, `ca`. Unknown fields and wrong types fail with CFSSL_INVALID naming `source` and the
 * field path; an unsupported key with KEY_UNSUPPORTED; a bad `ca.expiry` with DURATION_INVALID.
 */
export function parseCsrJson(text: string, source = 'csr.json'): CfsslCsrRequest {
  const raw = readJsonInput<RawCsrJson>(text, source, validateCsrJson());
  const algo = raw.key?.algo ?? 'ecdsa';
  const size = raw.key?.size ?? 256;
  const request: CfsslCsrRequest = {
    source,
    CN: raw.CN ?? '',
    names: raw.names ?? [],
    hosts: raw.hosts ?? [],
    key: { algo: algo as CfsslKeyAlgo, size },
    keySpec: keySpecOf(algo, size, source),
  };
  if (raw.ca) {
    const ca: CfsslCaSection = { pathlen: raw.ca.pathlen ?? 0, pathlenzero: raw.ca.pathlenzero ?? false };
    if (raw.ca.expiry !== undefined) {
      ca.expiry = raw.ca.expiry;
      caExpiryMs(ca, source); // fail now, before anything is generated
    }
    request.ca = ca;
  }
  return request;
}

/** cfssl initca.CAPolicy: a new CA is valid for 43800h (five years) unless `ca.expiry` says otherwise. */
export const cfsslInitCaExpiry = '43800h';

/** The lifetime of an -initca certificate in milliseconds. */
export function caExpiryMs(ca: CfsslCaSection | undefined, source: string): number {
  const text = ca?.expiry || cfsslInitCaExpiry;
  const ms = parseDuration(text, `${source}: /ca/expiry`);
  if (!(ms > 0)) throw new PkiError('CFSSL_INVALID', `${source}: /ca/expiry: the CA lifetime must be positive, got "${text}"`);
  return ms;
}

/**
 * The BasicConstraints path length of an -initca certificate, as initca.New sets
 * CAConstraint: `pathlen` N > 0 is N; 0 is 0 only with `pathlenzero`, else unlimited
 * (undefined); `pathlenzero` with N ≠ 0 is ignored, as cfssl logs and ignores it.
 */
export function caMaxPathLen(ca: CfsslCaSection | undefined): number | undefined {
  if (!ca) return undefined;
  if (ca.pathlen > 0) return ca.pathlen;
  if (ca.pathlen === 0 && ca.pathlenzero) return 0;
  return undefined;
}

/** The subject of the request, as csr.CertificateRequest.Name builds it: empty values are skipped. */
export function csrSubject(request: Pick<CfsslCsrRequest, 'CN' | 'names'>): Subject {
  const subject: Subject = {};
  if (request.CN !== '') subject.commonName = request.CN;
  const add = (key: Exclude<keyof Subject, 'commonName'>, value: string | undefined) => {
    if (value) (subject[key] ??= []).push(value);
  };
  for (const name of request.names) {
    add('countries', name.C);
    add('provinces', name.ST);
    add('localities', name.L);
    add('organizations', name.O);
    add('organizationalUnits', name.OU);
  }
  return subject;
}

/**
 * cfssl's request validator (genkey.Validator, initca's validator): a CN, or at least one
 * `names` entry and none of them empty. Fails with cfssl's "missing subject information".
 */
export function checkSubjectPresent(request: Pick<CfsslCsrRequest, 'CN' | 'names' | 'source'>): void {
  if (request.CN !== '') return;
  const empty = (n: CfsslCsrName) => ![n.C, n.ST, n.L, n.O, n.OU].some((v) => v !== undefined && v.trim() !== '');
  const at = request.names.length === 0 ? -1 : request.names.findIndex(empty);
  if (request.names.length === 0 || at >= 0) {
    const where = at >= 0 ? `/names/${at}` : '/CN';
    throw new PkiError('CFSSL_INVALID', `${request.source}: ${where}: missing subject information (give "CN" or non-empty "names" entries)`);
  }
}
