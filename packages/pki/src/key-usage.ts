import { PkiError } from './errors.js';
import { x509 } from './x509.js';

/**
 * Key usage strings of certificates.k8s.io/v1 (KeyUsage) and of cfssl profiles — the same set —
 * and what they become in a certificate. Upstream: k8s.io/kubernetes
 * pkg/controller/certificates/authority/policies.go (keyUsagesFromStrings) and cfssl
 * config/config.go (KeyUsage, ExtKeyUsage).
 */
export const keyUsageBits: Readonly<Record<string, x509.KeyUsageFlags>> = {
  signing: x509.KeyUsageFlags.digitalSignature,
  'digital signature': x509.KeyUsageFlags.digitalSignature,
  'content commitment': x509.KeyUsageFlags.nonRepudiation,
  'key encipherment': x509.KeyUsageFlags.keyEncipherment,
  'key agreement': x509.KeyUsageFlags.keyAgreement,
  'data encipherment': x509.KeyUsageFlags.dataEncipherment,
  'cert sign': x509.KeyUsageFlags.keyCertSign,
  'crl sign': x509.KeyUsageFlags.cRLSign,
  'encipher only': x509.KeyUsageFlags.encipherOnly,
  'decipher only': x509.KeyUsageFlags.decipherOnly,
};

/** Extended key usages in Go's x509.ExtKeyUsage enum order, which is the order they are written in. */
const extKeyUsageOrder = [
  '2.5.29.37.0', // any
  '1.3.6.1.5.5.7.3.1', // server auth
  '1.3.6.1.5.5.7.3.2', // client auth
  '1.3.6.1.5.5.7.3.3', // code signing
  '1.3.6.1.5.5.7.3.4', // email protection
  '1.3.6.1.5.5.7.3.5', // ipsec end system
  '1.3.6.1.5.5.7.3.6', // ipsec tunnel
  '1.3.6.1.5.5.7.3.7', // ipsec user
  '1.3.6.1.5.5.7.3.8', // timestamping
  '1.3.6.1.5.5.7.3.9', // ocsp signing
  '1.3.6.1.4.1.311.10.3.3', // microsoft sgc
  '2.16.840.1.113730.4.1', // netscape sgc
] as const;

export const extKeyUsageOids: Readonly<Record<string, string>> = {
  any: extKeyUsageOrder[0],
  'server auth': extKeyUsageOrder[1],
  'client auth': extKeyUsageOrder[2],
  'code signing': extKeyUsageOrder[3],
  'email protection': extKeyUsageOrder[4],
  's/mime': extKeyUsageOrder[4],
  'ipsec end system': extKeyUsageOrder[5],
  'ipsec tunnel': extKeyUsageOrder[6],
  'ipsec user': extKeyUsageOrder[7],
  timestamping: extKeyUsageOrder[8],
  'ocsp signing': extKeyUsageOrder[9],
  'microsoft sgc': extKeyUsageOrder[10],
  'netscape sgc': extKeyUsageOrder[11],
};

/** Names of extended key usage OIDs, for printing (the first name of each OID above). */
export const extKeyUsageNames: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(extKeyUsageOids)
    .filter(([name]) => name !== 's/mime')
    .map(([name, id]) => [id, name]),
);

/** policies.go: fmt.Errorf("unrecognized usage values: %q", unrecognized). */
export function unrecognizedUsages(unknown: readonly string[]): string {
  return `unrecognized usage values: [${unknown.map((u) => JSON.stringify(u)).join(' ')}]`;
}

export interface ResolvedUsages {
  /** OR of the KeyUsage bits (0 when none). */
  keyUsage: number;
  /** Extended key usage OIDs, deduplicated, in Go enum order. */
  extKeyUsages: string[];
}

/**
 * Resolves usage strings into KeyUsage bits and ExtKeyUsage OIDs, as keyUsagesFromStrings does.
 * Unknown strings fail with the upstream message, Go's `%q` of the list:
 * `unrecognized usage values: ["a" "b"]`.
 */
export function resolveUsages(usages: readonly string[]): ResolvedUsages {
  let keyUsage = 0;
  const ext = new Set<string>();
  const unknown: string[] = [];
  for (const usage of usages) {
    const bit = keyUsageBits[usage];
    const oid = extKeyUsageOids[usage];
    if (bit !== undefined) keyUsage |= bit;
    else if (oid !== undefined) ext.add(oid);
    else unknown.push(usage);
  }
  if (unknown.length > 0) throw new PkiError('USAGE_UNKNOWN', unrecognizedUsages(unknown));
  const order = extKeyUsageOrder as readonly string[];
  return { keyUsage, extKeyUsages: [...ext].sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
}

/** KeyUsage bits back to the k8s usage strings (preferring "digital signature" over "signing"). */
export function keyUsageNames(bits: number): string[] {
  return Object.entries(keyUsageBits)
    .filter(([name, bit]) => name !== 'signing' && (bits & bit) !== 0)
    .map(([name]) => name);
}
