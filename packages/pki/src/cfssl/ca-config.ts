import { parseDuration } from '@tlsboot/util';
import { PkiError } from '../errors.js';
import type { SigningProfile } from '../sign.js';
import { lazyValidator, readJsonInput } from './json-input.js';
import { caConfigSchema } from './schemas.js';

/**
 * cfssl's ca-config.json (cloudflare/cfssl config/config.go): a default signing profile and
 * named ones. Parsed as LoadConfig does — every profile's expiry must parse, a named profile
 * needs usages — and stricter in one way: an unknown usage string is an error here, where
 * cfssl drops it silently (and signs without it).
 */

/** A profile as read from the file, durations resolved. */
export interface CfsslSigningProfile {
  /** The usages as written (cfssl names). */
  usages: string[];
  /** The `expiry` string as written. */
  expiry: string;
  /** Parsed `expiry`; 0 means "the default profile's" (signer.FillTemplate). */
  expiryMs: number;
  /** Parsed `backdate`; undefined = cfssl's 5 minutes. */
  backdateMs?: number;
  caConstraint?: { isCA: boolean; maxPathLen: number; maxPathLenZero: boolean };
}

export interface CfsslCaConfig {
  /** The file it came from, for messages about it later (resolveProfile). */
  source: string;
  signing: {
    default: CfsslSigningProfile;
    profiles: Record<string, CfsslSigningProfile>;
  };
}

/**
 * The usage names cfssl knows (config.KeyUsage and config.ExtKeyUsage), and the tlsboot /
 * Kubernetes usage string each stands for. cfssl spells "content committment" with a double t.
 */
const cfsslUsages: Readonly<Record<string, string>> = {
  signing: 'signing',
  'digital signature': 'digital signature',
  'content committment': 'content commitment',
  'key encipherment': 'key encipherment',
  'key agreement': 'key agreement',
  'data encipherment': 'data encipherment',
  'cert sign': 'cert sign',
  'crl sign': 'crl sign',
  'encipher only': 'encipher only',
  'decipher only': 'decipher only',
  any: 'any',
  'server auth': 'server auth',
  'client auth': 'client auth',
  'code signing': 'code signing',
  'email protection': 'email protection',
  's/mime': 's/mime',
  'ipsec end system': 'ipsec end system',
  'ipsec tunnel': 'ipsec tunnel',
  'ipsec user': 'ipsec user',
  timestamping: 'timestamping',
  'ocsp signing': 'ocsp signing',
  'microsoft sgc': 'microsoft sgc',
  'netscape sgc': 'netscape sgc',
};

/** config.DefaultConfig: the default profile when ca-config.json has none (and without -config). */
export const cfsslDefaultProfile: Readonly<CfsslSigningProfile> = Object.freeze({
  usages: ['signing', 'key encipherment', 'server auth', 'client auth'],
  expiry: '8760h',
  expiryMs: 8760 * 3_600_000,
});

interface RawProfile {
  usages?: string[] | null;
  expiry?: string;
  backdate?: string;
  ca_constraint?: { is_ca?: boolean; max_path_len?: number; max_path_len_zero?: boolean };
}

interface RawCaConfig {
  signing: { default?: RawProfile; profiles?: Record<string, RawProfile> | null };
}

const validateCaConfig = lazyValidator(caConfigSchema);

function pointer(...segments: string[]): string {
  return segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** SigningProfile.populate and validProfile for one local profile. */
function readProfile(raw: RawProfile, path: string, isDefault: boolean, source: string): CfsslSigningProfile {
  const usages = raw.usages ?? [];
  usages.forEach((usage, i) => {
    if (cfsslUsages[usage] === undefined) {
      throw new PkiError(
        'USAGE_UNKNOWN',
        `${source}: ${path}/usages/${i}: unknown usage "${usage}" (cfssl knows: ${Object.keys(cfsslUsages).join(', ')})`,
      );
    }
  });
  if (!isDefault && usages.length === 0) {
    throw new PkiError('CFSSL_INVALID', `${source}: ${path}/usages: a profile needs at least one usage (cfssl: invalid local profile: no usages specified)`);
  }
  if (raw.expiry === undefined || raw.expiry === '') {
    throw new PkiError('CFSSL_INVALID', `${source}: ${path}/expiry: empty expiry string (every profile needs one, e.g. "8760h")`);
  }
  const expiryMs = parseDuration(raw.expiry, `${source}: ${path}/expiry`);
  if (expiryMs < 0 || (isDefault && expiryMs === 0)) {
    throw new PkiError('CFSSL_INVALID', `${source}: ${path}/expiry: the lifetime must be positive, got "${raw.expiry}"`);
  }
  const profile: CfsslSigningProfile = { usages, expiry: raw.expiry, expiryMs };
  if (raw.backdate !== undefined && raw.backdate !== '') {
    const backdateMs = parseDuration(raw.backdate, `${source}: ${path}/backdate`);
    if (backdateMs !== 0) profile.backdateMs = backdateMs;
  }
  if (raw.ca_constraint) {
    profile.caConstraint = {
      isCA: raw.ca_constraint.is_ca ?? false,
      maxPathLen: raw.ca_constraint.max_path_len ?? 0,
      maxPathLenZero: raw.ca_constraint.max_path_len_zero ?? false,
    };
  }
  return profile;
}

/**
 * Parses a ca-config.json. Errors name `source` and the field path: CFSSL_INVALID (JSON,
 * schema, missing expiry or usages), DURATION_INVALID (an expiry Go cannot parse),
 * USAGE_UNKNOWN (a usage cfssl does not know).
 */
export function parseCaConfig(text: string, source = 'ca-config.json'): CfsslCaConfig {
  const raw = readJsonInput<RawCaConfig>(text, source, validateCaConfig());
  const def = raw.signing.default ? readProfile(raw.signing.default, pointer('signing', 'default'), true, source) : { ...cfsslDefaultProfile };
  const profiles: Record<string, CfsslSigningProfile> = {};
  for (const [name, profile] of Object.entries(raw.signing.profiles ?? {})) {
    profiles[name] = readProfile(profile, pointer('signing', 'profiles', name), false, source);
  }
  return { source, signing: { default: def, profiles } };
}

/** The pki SigningProfile (style cfssl) for a cfssl profile, as signer.FillTemplate fills a template. */
export function toSigningProfile(profile: CfsslSigningProfile, defaultProfile: CfsslSigningProfile): SigningProfile {
  const result: SigningProfile = {
    usages: profile.usages.map((u) => cfsslUsages[u] ?? u),
    ttlMs: profile.expiryMs !== 0 ? profile.expiryMs : defaultProfile.expiryMs,
    style: 'cfssl',
  };
  if (profile.backdateMs !== undefined) result.backdateMs = profile.backdateMs;
  const ca = profile.caConstraint;
  if (ca?.isCA) {
    result.isCA = true;
    // Go's x509: MaxPathLen 0 without MaxPathLenZero (or -1) means no limit.
    if (ca.maxPathLen > 0) result.maxPathLen = ca.maxPathLen;
    else if (ca.maxPathLen === 0 && ca.maxPathLenZero) result.maxPathLen = 0;
  }
  return result;
}

/**
 * The profile `cfssl gencert -profile NAME` signs with (signer/universal getMatchingProfile):
 * no name (or "") → the default profile; a name not in `signing.profiles` → CFSSL_INVALID
 * naming it and the ones there are (cfssl: "Unknown policy profile"). A profile that ends up
 * with no usages fails as cfssl's FillTemplate does ("no key usage available").
 */
export function resolveProfile(config: CfsslCaConfig, name: string | undefined, source = config.source): SigningProfile {
  const def = config.signing.default;
  let chosen = def;
  let path = pointer('signing', 'default');
  if (name !== undefined && name !== '') {
    const found = Object.hasOwn(config.signing.profiles, name) ? config.signing.profiles[name] : undefined;
    if (!found) {
      const names = Object.keys(config.signing.profiles);
      const available = names.length > 0 ? `available: ${names.map((n) => `"${n}"`).join(', ')}` : 'it defines no profiles';
      throw new PkiError('CFSSL_INVALID', `${source}: unknown profile "${name}" (cfssl: Unknown policy profile); ${available}`);
    }
    chosen = found;
    path = pointer('signing', 'profiles', name);
  }
  if (chosen.usages.length === 0) {
    throw new PkiError('CFSSL_INVALID', `${source}: ${path}/usages: the profile has no usages (cfssl: Invalid policy: no key usage available); pass -profile NAME or add usages`);
  }
  return toSigningProfile(chosen, def);
}

/** The profile cfssl signs with when no -config is given (config.DefaultConfig). */
export function defaultSigningProfile(): SigningProfile {
  return toSigningProfile(cfsslDefaultProfile, cfsslDefaultProfile);
}
