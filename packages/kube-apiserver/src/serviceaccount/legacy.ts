/**
 * Legacy (Secret-based) service-account tokens: kubernetes/kubernetes pkg/serviceaccount/legacy.go.
 *
 * A legacy token never expires and has no audience: `iss: kubernetes/serviceaccount`, `sub`, and
 * the four private claims `kubernetes.io/serviceaccount/{namespace,secret.name,
 * service-account.name,service-account.uid}`. `legacyServiceAccountToken` writes one (what the
 * kube-controller-manager's tokens controller puts in a `kubernetes.io/service-account-token`
 * Secret).
 *
 * `legacyTokenValidator` is legacyValidator.Validate with --service-account-lookup (default
 * true): every claim present, `sub` matching them, then the Secret exists, is not being deleted
 * and holds exactly this token (constant-time compare), the ServiceAccount exists with the
 * claimed uid, and the Secret is not labelled `kubernetes.io/legacy-token-invalid-since`. A token
 * that passes stamps the Secret with `kubernetes.io/legacy-token-last-used: <today>`.
 */
import type { KubeObject } from '@tlsboot/api';
import { serviceAccountUserName } from '@tlsboot/api';
import type { KeyPair } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';
import { goStringField } from './go-json.js';
import { jwtTokenGenerator } from './jwt.js';
import type { PublicClaims, Validator } from './jwt.js';
import { splitServiceAccountUsername } from './service-account-info.js';
import type { ServiceAccountInfo } from './service-account-info.js';
import { legacyTokenInvalidSinceLabelKey, legacyTokenLastUsedLabelKey } from './token-getter.js';
import type { ServiceAccountTokenGetter } from './token-getter.js';

/** LegacyIssuer. */
export const legacyIssuer = 'kubernetes/serviceaccount';

const nsKey = 'kubernetes.io/serviceaccount/namespace';
const secretKey = 'kubernetes.io/serviceaccount/secret.name';
const saNameKey = 'kubernetes.io/serviceaccount/service-account.name';
const saUIDKey = 'kubernetes.io/serviceaccount/service-account.uid';

/** legacyPrivateClaims. */
export interface LegacyPrivateClaims {
  namespace: string;
  secretName: string;
  serviceAccountName: string;
  serviceAccountUID: string;
}

/** LegacyClaims(serviceAccount, secret). */
export function legacyClaims(serviceAccount: KubeObject, secret: KubeObject): { claims: PublicClaims; privateClaims: Record<string, string> } {
  const namespace = serviceAccount.metadata.namespace ?? '';
  const name = serviceAccount.metadata.name ?? '';
  return {
    claims: { sub: serviceAccountUserName(namespace, name) },
    privateClaims: {
      [nsKey]: namespace,
      [secretKey]: secret.metadata.name ?? '',
      [saNameKey]: name,
      [saUIDKey]: serviceAccount.metadata.uid ?? '',
    },
  };
}

/**
 * A legacy token for `serviceAccount` stored in `secret`, signed by `keys` (the
 * --service-account-private-key-file of the tokens controller).
 */
export async function legacyServiceAccountToken(options: { serviceAccount: KubeObject; secret: KubeObject; keys: Pick<KeyPair, 'spec' | 'privateKey' | 'publicKey'> }): Promise<string> {
  const { claims, privateClaims } = legacyClaims(options.serviceAccount, options.secret);
  return (await jwtTokenGenerator(legacyIssuer, options.keys)).generateToken(claims, privateClaims);
}

export function parseLegacyPrivateClaims(payload: Record<string, unknown>): LegacyPrivateClaims {
  return {
    serviceAccountName: goStringField(payload, saNameKey, `legacyPrivateClaims.${saNameKey}`),
    serviceAccountUID: goStringField(payload, saUIDKey, `legacyPrivateClaims.${saUIDKey}`),
    secretName: goStringField(payload, secretKey, `legacyPrivateClaims.${secretKey}`),
    namespace: goStringField(payload, nsKey, `legacyPrivateClaims.${nsKey}`),
  };
}

/** subtle.ConstantTimeCompare: equal length and equal bytes, without an early exit. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** `2006-01-02` of a UTC instant. */
function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface LegacyTokenValidatorOptions {
  /** --service-account-lookup (default true): check the Secret and ServiceAccount still hold. */
  lookup: boolean;
  getter: ServiceAccountTokenGetter;
  clock: Clock;
}

export function legacyTokenValidator(options: LegacyTokenValidatorOptions): Validator<LegacyPrivateClaims> {
  const { getter, clock } = options;
  return {
    parsePrivate: parseLegacyPrivateClaims,
    async validate(token, claims, p): Promise<ServiceAccountInfo> {
      // make sure the claims we need exist
      if (!claims.sub) throw new Error('sub claim is missing');
      if (p.namespace === '') throw new Error('namespace claim is missing');
      if (p.secretName === '') throw new Error('secretName claim is missing');
      if (p.serviceAccountName === '') throw new Error('serviceAccountName claim is missing');
      if (p.serviceAccountUID === '') throw new Error('serviceAccountUID claim is missing');
      const subject = splitServiceAccountUsername(claims.sub);
      if (subject === undefined || subject.namespace !== p.namespace || subject.name !== p.serviceAccountName) throw new Error('sub claim is invalid');

      if (options.lookup) {
        let secret: KubeObject;
        try {
          secret = await getter.getSecret(p.namespace, p.secretName);
        } catch {
          throw new Error('Token has been invalidated');
        }
        if (secret.metadata.deletionTimestamp) throw new Error('Token has been invalidated');
        const stored = (secret['data'] as Record<string, string> | undefined)?.['token'] ?? '';
        if (!constantTimeEqual(Buffer.from(stored, 'base64'), Buffer.from(token, 'utf8'))) throw new Error("Token does not match server's copy");

        const sa = await getter.getServiceAccount(p.namespace, p.serviceAccountName); // its error is the answer
        if (sa.metadata.deletionTimestamp) throw new Error(`ServiceAccount ${p.namespace}/${p.serviceAccountName} has been deleted`);
        if ((sa.metadata.uid ?? '') !== p.serviceAccountUID) throw new Error(`ServiceAccount UID (${sa.metadata.uid ?? ''}) does not match claim (${p.serviceAccountUID})`);

        const nowMs = clock.nowMs();
        if ((secret.metadata.labels?.[legacyTokenInvalidSinceLabelKey] ?? '') !== '') {
          await markUsed(getter, secret, nowMs);
          throw new Error(
            `the token in secret ${p.namespace}/${p.secretName} for service account ${p.namespace}/${p.serviceAccountName} has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the '${legacyTokenInvalidSinceLabelKey}' label from the secret to temporarily allow use of this token`,
          );
        }
        // upstream also warns about auto-generated Secrets and counts both kinds (audit, metrics)
        await markUsed(getter, secret, nowMs);
      }
      return { namespace: p.namespace, name: p.serviceAccountName, uid: p.serviceAccountUID };
    },
  };
}

/** patchSecretWithLastUsedDate: label the Secret with today's date unless it has today's or tomorrow's; failures are only logged. */
async function markUsed(getter: ServiceAccountTokenGetter, secret: KubeObject, nowMs: number): Promise<void> {
  if (getter.labelSecretLastUsed === undefined) return;
  const today = utcDate(nowMs);
  const lastUsed = secret.metadata.labels?.[legacyTokenLastUsedLabelKey] ?? '';
  if (lastUsed === today || lastUsed === utcDate(nowMs + 86_400_000)) return;
  try {
    await getter.labelSecretLastUsed(secret, today);
  } catch {
    // upstream: klog.Errorf("Failed to label legacy service account token …")
  }
}
