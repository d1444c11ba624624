/**
 * Where the token validators look objects up: ServiceAccountTokenGetter of
 * kubernetes/kubernetes pkg/serviceaccount/jwt.go, and the apiserver's implementation
 * (pkg/serviceaccount/tokengetter.go NewGetterFromClient: informer listers first, then a live
 * read). Each getter resolves with the object or rejects with the error a Get gives
 * (`serviceaccounts "x" not found`); the validators decide what that means.
 *
 * `registryTokenGetter` reads the apiserver's own stores (always current, so there is no
 * informer lag to model) and stamps the legacy-token "last used" label as the legacy validator's
 * patchSecretWithLastUsedDate does.
 */
import type { KubeObject } from '@tlsboot/api';
import type { ResourceRegistry } from '../registry/registry.js';

export interface ServiceAccountTokenGetter {
  getServiceAccount(namespace: string, name: string): Promise<KubeObject>;
  getPod(namespace: string, name: string): Promise<KubeObject>;
  getSecret(namespace: string, name: string): Promise<KubeObject>;
  getNode(name: string): Promise<KubeObject>;
  /**
   * Sets `kubernetes.io/legacy-token-last-used: <date>` on a legacy token's Secret (a merge
   * patch upstream). Optional: without it nothing is written.
   */
  labelSecretLastUsed?(secret: KubeObject, date: string): Promise<void>;
}

/** LastUsedLabelKey (pkg/serviceaccount/legacy.go). */
export const legacyTokenLastUsedLabelKey = 'kubernetes.io/legacy-token-last-used';
/** InvalidSinceLabelKey: a legacy token whose Secret has this label is refused. */
export const legacyTokenInvalidSinceLabelKey = 'kubernetes.io/legacy-token-invalid-since';

/** A client Get refuses an empty name before asking the server (client-go rest.Request). */
function checkName(name: string): void {
  if (name === '') throw new Error('resource name may not be empty');
}

export function registryTokenGetter(registry: ResourceRegistry): ServiceAccountTokenGetter {
  const get = (resource: string) => async (namespace: string, name: string) => {
    checkName(name);
    return registry.store('', resource).get(namespace, name);
  };
  const secrets = get('secrets');
  return {
    getServiceAccount: get('serviceaccounts'),
    getPod: get('pods'),
    getSecret: secrets,
    getNode: (name) => get('nodes')('', name),
    async labelSecretLastUsed(secret, date) {
      const { namespace = '', name = '', uid } = secret.metadata;
      await registry.store('', 'secrets').rawUpdate(
        namespace,
        name,
        (stored) => ({ ...stored, metadata: { ...stored.metadata, labels: { ...stored.metadata.labels, [legacyTokenLastUsedLabelKey]: date } } }),
        uid ? { uid } : undefined,
      );
    },
  };
}
