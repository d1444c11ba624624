/**
 * The v1 KeyUsage strings (kubernetes/kubernetes: staging/src/k8s.io/api/certificates/v1/types.go,
 * pkg/apis/certificates/types.go) and the set operations the CSR rules use on a CSR's
 * spec.usages (Go's sets.String: order and duplicates do not matter, `List()` is sorted).
 */
import { keyUsages } from '../well-known.js';

export const usageSigning = 'signing';
export const usageDigitalSignature = 'digital signature';
export const usageContentCommitment = 'content commitment';
export const usageKeyEncipherment = 'key encipherment';
export const usageKeyAgreement = 'key agreement';
export const usageDataEncipherment = 'data encipherment';
export const usageCertSign = 'cert sign';
export const usageCRLSign = 'crl sign';
export const usageEncipherOnly = 'encipher only';
export const usageDecipherOnly = 'decipher only';
export const usageAny = 'any';
export const usageServerAuth = 'server auth';
export const usageClientAuth = 'client auth';
export const usageCodeSigning = 'code signing';
export const usageEmailProtection = 'email protection';
export const usageSMIME = 's/mime';
export const usageIPsecEndSystem = 'ipsec end system';
export const usageIPsecTunnel = 'ipsec tunnel';
export const usageIPsecUser = 'ipsec user';
export const usageTimestamping = 'timestamping';
export const usageOCSPSigning = 'ocsp signing';
export const usageMicrosoftSGC = 'microsoft sgc';
export const usageNetscapeSGC = 'netscape sgc';

const known: ReadonlySet<string> = new Set(keyUsages);

/** True for one of the 23 KeyUsage strings validation accepts (allValidUsages in validation.go). */
export function isKnownKeyUsage(usage: string): boolean {
  return known.has(usage);
}

/** usagesToSet (signer.go, sarapprove.go): spec.usages as a set. */
export function usageSet(usages: Iterable<string> | undefined): Set<string> {
  return new Set(usages ?? []);
}

/** sets.String.Equal: same members, whatever the order or repetition of `usages`. */
export function usageSetEquals(usages: Iterable<string> | undefined, expected: Iterable<string>): boolean {
  const a = usageSet(usages);
  const b = usageSet(expected);
  if (a.size !== b.size) return false;
  for (const u of a) if (!b.has(u)) return false;
  return true;
}

/** sets.String.List(): the members sorted (Go byte order). */
export function sortedUsages(usages: Iterable<string>): string[] {
  return [...usageSet(usages)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Go's `%v` of a []string: `[a b c]` (the form of "usages did not match [...]"). */
export function goStringList(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}
