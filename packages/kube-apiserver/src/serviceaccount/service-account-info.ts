/**
 * Who a service-account token speaks for, and the user it becomes:
 * k8s.io/apiserver/pkg/authentication/serviceaccount/util.go (ServiceAccountInfo.UserInfo,
 * SplitUsername, CredentialIDForJTI). User `system:serviceaccount:<ns>:<name>`, uid the
 * ServiceAccount's uid, groups `system:serviceaccounts` and `system:serviceaccounts:<ns>`; extra
 * carries the credential id (`JTI=<jti>`) of a bound token, the pod it is bound to (name and uid
 * together, or neither) and the node (name, and uid when known).
 */
import { credentialIdExtraKey, nameIsDNSSubdomain, serviceAccountGroups, serviceAccountUserName, serviceAccountUsernamePrefix, validateNamespaceName } from '@tlsboot/api';
import type { UserInfo } from '../authentication/interfaces.js';

export const podNameExtraKey = 'authentication.kubernetes.io/pod-name';
export const podUIDExtraKey = 'authentication.kubernetes.io/pod-uid';
export const nodeNameExtraKey = 'authentication.kubernetes.io/node-name';
export const nodeUIDExtraKey = 'authentication.kubernetes.io/node-uid';
/** The audit annotation TokenRequest adds with the credential id of the token it issued. */
export const issuedCredentialIdAuditAnnotationKey = 'authentication.kubernetes.io/issued-credential-id';

export interface ServiceAccountInfo {
  namespace: string;
  name: string;
  uid: string;
  podName?: string;
  podUID?: string;
  nodeName?: string;
  nodeUID?: string;
  credentialID?: string;
}

/** CredentialIDForJTI: `JTI=<jti>`, '' for a token without one. */
export function credentialIDForJTI(jti: string): string {
  return jti === '' ? '' : `JTI=${jti}`;
}

/** ServiceAccountInfo.UserInfo (extra keys in sorted order, as Go writes a map). */
export function serviceAccountUserInfo(sa: ServiceAccountInfo): UserInfo {
  const extra: Record<string, string[]> = {};
  if (sa.podName && sa.podUID) {
    extra[podNameExtraKey] = [sa.podName];
    extra[podUIDExtraKey] = [sa.podUID];
  }
  if (sa.credentialID) extra[credentialIdExtraKey] = [sa.credentialID];
  if (sa.nodeName) {
    extra[nodeNameExtraKey] = [sa.nodeName];
    // node UID is optional and only set with the node name
    if (sa.nodeUID) extra[nodeUIDExtraKey] = [sa.nodeUID];
  }
  const user: UserInfo = { name: serviceAccountUserName(sa.namespace, sa.name), uid: sa.uid, groups: serviceAccountGroups(sa.namespace) };
  const keys = Object.keys(extra).sort();
  if (keys.length > 0) user.extra = Object.fromEntries(keys.map((k) => [k, extra[k]!]));
  return user;
}

/** `Username must be in the form system:serviceaccount:namespace:name`. */
export const invalidServiceAccountUsernameMessage = `Username must be in the form ${serviceAccountUserName('namespace', 'name')}`;

/**
 * SplitUsername: the namespace and name of `system:serviceaccount:<ns>:<name>`, each a valid
 * namespace / ServiceAccount name; undefined when the username is not of that form.
 */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(serviceAccountUsernamePrefix)) return undefined;
  const parts = username.slice(serviceAccountUsernamePrefix.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts as [string, string];
  if (validateNamespaceName(namespace, false).length !== 0) return undefined;
  if (nameIsDNSSubdomain(name, false).length !== 0) return undefined;
  return { namespace, name };
}
