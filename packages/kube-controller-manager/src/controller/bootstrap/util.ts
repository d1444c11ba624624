/**
 * Which bootstrap-token Secrets may sign cluster-info (kubernetes/kubernetes
 * pkg/controller/bootstrap/util.go validateSecretForSigning). Pure.
 */
import {
  bootstrapTokenIdKey,
  bootstrapTokenSecretKey,
  bootstrapTokenSecretPrefix,
  bootstrapTokenUsageSigningKey,
  getSecretData,
  hasExpired,
  parseBootstrapTokenSecretName,
  secretKey,
} from '@tlsboot/api';
import type { BootstrapTokenSecret } from '@tlsboot/api';

export type SigningTokenVerdict = { ok: true; tokenId: string; tokenSecret: string } | { ok: false; reason: string };

/**
 * validateSecretForSigning: the name is `bootstrap-token-<id>`, token-id is set and matches it,
 * token-secret is set, the token has not expired (`now`: the controller's clock) and
 * `usage-bootstrap-signing` is exactly "true". The reasons are upstream's V(3) log lines.
 */
export function validateSecretForSigning(secret: BootstrapTokenSecret, now: Date): SigningTokenVerdict {
  const name = secret.metadata?.name ?? '';
  const nameTokenId = parseBootstrapTokenSecretName(name);
  if (nameTokenId === undefined) return { ok: false, reason: `Invalid secret name, must be of the form ${bootstrapTokenSecretPrefix}<secret-id> (secretName=${JSON.stringify(name)})` };
  const tokenId = getSecretData(secret, bootstrapTokenIdKey);
  if (tokenId.length === 0) return { ok: false, reason: `No key in Secret (key=${JSON.stringify(bootstrapTokenIdKey)} secret=${JSON.stringify(secretKey(secret))})` };
  if (nameTokenId !== tokenId) return { ok: false, reason: `Token ID doesn't match secret name (tokenID=${JSON.stringify(tokenId)} secretName=${JSON.stringify(name)})` };
  const tokenSecret = getSecretData(secret, bootstrapTokenSecretKey);
  if (tokenSecret.length === 0) return { ok: false, reason: `No key in Secret (key=${JSON.stringify(bootstrapTokenSecretKey)} secret=${JSON.stringify(secretKey(secret))})` };
  // The token cleaner should have removed it; check here too in case it has not yet.
  if (hasExpired(secret, now)) return { ok: false, reason: 'expired' };
  if (getSecretData(secret, bootstrapTokenUsageSigningKey) !== 'true') return { ok: false, reason: 'not usable for signing' };
  return { ok: true, tokenId, tokenSecret };
}
