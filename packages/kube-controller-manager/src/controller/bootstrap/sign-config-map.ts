/**
 * The decision half of the bootstrapsigner (kubernetes/kubernetes
 * pkg/controller/bootstrap/bootstrapsigner.go signConfigMap, getTokens): given the cached
 * cluster-info ConfigMap and the bootstrap-token Secrets, the ConfigMap to write (or nothing).
 * Pure; the controller does the I/O.
 */
import { computeDetachedSignature, jwsSignatureKeyPrefix, kubeConfigKey, secretTypeBootstrapToken } from '@tlsboot/api';
import type { ConfigMap, Secret } from '@tlsboot/api';
import { validateSecretForSigning } from './util.js';

/**
 * getTokens: token id → token secret for every Secret of the bootstrap type that may sign. A
 * second Secret with the same id is ignored (cannot happen: the name carries the id).
 */
export function signingTokens(secrets: readonly Secret[], now: Date): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const secret of secrets) {
    if (secret.type !== secretTypeBootstrapToken) continue;
    const verdict = validateSecretForSigning(secret, now);
    if (!verdict.ok || tokens.has(verdict.tokenId)) continue;
    tokens.set(verdict.tokenId, verdict.tokenSecret);
  }
  return tokens;
}

export type SignConfigMapResult =
  | { kind: 'no-kubeconfig' }
  | { kind: 'unchanged' }
  | { kind: 'update'; configMap: ConfigMap; added: string[]; updated: string[]; removed: string[] };

/**
 * signConfigMap: strips every `jws-kubeconfig-*` key, signs `data.kubeconfig` with each token
 * and says whether any signature was added, changed or removed. Token ids in the result are
 * sorted (upstream iterates a map; the written data is the same).
 */
export function signConfigMap(original: ConfigMap, tokens: ReadonlyMap<string, string>): SignConfigMapResult {
  const data: Record<string, string> = { ...(original.data ?? {}) };
  const content = data[kubeConfigKey];
  if (content === undefined) return { kind: 'no-kubeconfig' };
  const oldSigs = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(jwsSignatureKeyPrefix)) continue;
    oldSigs.set(key.slice(jwsSignatureKeyPrefix.length), value);
    delete data[key];
  }
  const added: string[] = [];
  const updated: string[] = [];
  for (const [tokenId, tokenSecret] of [...tokens].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sig = computeDetachedSignature(content, tokenId, tokenSecret);
    const old = oldSigs.get(tokenId);
    if (old === undefined) added.push(tokenId);
    else if (old !== sig) updated.push(tokenId);
    oldSigs.delete(tokenId);
    data[jwsSignatureKeyPrefix + tokenId] = sig;
  }
  const removed = [...oldSigs.keys()].sort();
  if (added.length === 0 && updated.length === 0 && removed.length === 0) return { kind: 'unchanged' };
  return { kind: 'update', configMap: { ...structuredClone(original), data }, added, updated, removed };
}
