/**
 * Object names: the name checks of k8s.io/apimachinery/pkg/api/validation (generic.go,
 * path/name.go) and name generation as k8s.io/apiserver/pkg/storage/names/generate.go
 * (SimpleNameGenerator).
 */
import type { Random } from '@tlsboot/util';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from './validation.js';

/**
 * A ValidateNameFunc: the problems with `name`, or with it as a generateName prefix when
 * `prefix` is true (then a trailing `-` is allowed).
 */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/**
 * maskTrailingDash: a prefix may end in `-`, because random characters follow. Upstream
 * replaces the last *two* characters with `a`; copied as is.
 */
export function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith('-')) return `${name.slice(0, -2)}a`;
  return name;
}

/** NameIsDNSSubdomain: most kinds (Secret, ConfigMap, ServiceAccount, Node, Pod, Lease, …). */
export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** NameIsDNSLabel: Namespace. */
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/** NameIsDNS1035Label: Service. */
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** ValidateNamespaceName. */
export const validateNamespaceName: ValidateNameFunc = nameIsDNSLabel;

/** path.NameMayNotBe and NameMayNotContain: what no name may be or contain, being a URL path segment. */
export const nameMayNotBe: readonly string[] = ['.', '..'];
export const nameMayNotContain: readonly string[] = ['/', '%'];

/** path.IsValidPathSegmentName: `may not be '.'`, `may not contain '/'`, … */
export function isValidPathSegmentName(name: string): string[] {
  for (const illegal of nameMayNotBe) if (name === illegal) return [`may not be '${illegal}'`];
  return isValidPathSegmentPrefix(name);
}

/** path.IsValidPathSegmentPrefix: only the characters, as a suffix follows. */
export function isValidPathSegmentPrefix(name: string): string[] {
  return nameMayNotContain.filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/**
 * path.ValidatePathSegmentName: the check every name gets in rest.BeforeCreate, and the only
 * one for kinds without a stricter rule (CertificateSigningRequest, RBAC roles and bindings).
 */
export const validatePathSegmentName: ValidateNameFunc = (name, prefix) => (prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name));

/** Longest name the generator produces (63) and the number of random characters it adds (5). */
export const maxNameLength = 63;
export const generatedNameRandomLength = 5;
/** names.MaxGeneratedNameLength: a generateName longer than 58 is cut to 58. */
export const maxGeneratedNameLength = maxNameLength - generatedNameRandomLength;

/**
 * SimpleNameGenerator.GenerateName: `base` (cut to 58 characters) followed by 5 characters of
 * `bcdfghjklmnpqrstvwxz2456789` from `random`.
 */
export function generateName(base: string, random: Random): string {
  const prefix = base.length > maxGeneratedNameLength ? base.slice(0, maxGeneratedNameLength) : base;
  return prefix + random.string(generatedNameRandomLength);
}
