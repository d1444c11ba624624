/**
 * Bound service-account tokens (TokenRequest, projected volumes): kubernetes/kubernetes
 * pkg/serviceaccount/claims.go as of v1.32, with ServiceAccountTokenJTI,
 * ServiceAccountTokenPodNodeInfo, ServiceAccountTokenNodeBinding and
 * ServiceAccountTokenNodeBindingValidation on (all GA or default-on in v1.32).
 *
 * `boundClaims` is Claims(): `sub`, `aud`, `iat` = `nbf` = now, `exp` = now + expiration, `jti`,
 * and the private `kubernetes.io` claim {namespace, serviceaccount{name,uid}, pod | secret |
 * node, node beside a pod, warnafter}. A token binds to one object kind, except that a pod-bound
 * token also names the pod's node.
 *
 * `boundTokenValidator` is validator.Validate: the time checks (1 minute leeway), then the
 * ServiceAccount exists with the claimed uid and was not deleted more than a leeway ago, then
 * the bound Secret, Pod or Node likewise (a missing one: `service account token has been
 * invalidated`). The ServiceAccountInfo carries the pod, the node and `JTI=<jti>`.
 */
import type { KubeObject } from '@tlsboot/api';
import { serviceAccountUserName } from '@tlsboot/api';
import type { Clock } from '@tlsboot/util';
import { goObjectField, goStringField } from './go-json.js';
import { defaultLeewayMs, privateNumericDate, validateTimes } from './jwt.js';
import type { PublicClaims, Validator } from './jwt.js';
import { credentialIDForJTI } from './service-account-info.js';
import type { ServiceAccountInfo } from './service-account-info.js';
import type { ServiceAccountTokenGetter } from './token-getter.js';

/** WarnOnlyBoundTokenExpirationSeconds: the kubelet's 1h+7s request that gets the extended expiration. */
export const warnOnlyBoundTokenExpirationSeconds = 60 * 60 + 7;
/** ExpirationExtensionSeconds: one year, the extended expiration. */
export const expirationExtensionSeconds = 24 * 365 * 60 * 60;

export interface ObjectRefClaim {
  name: string;
  uid: string;
}

/** privateClaims.Kubernetes. */
export interface BoundPrivateClaims {
  namespace: string;
  serviceAccount: ObjectRefClaim;
  pod?: ObjectRefClaim;
  secret?: ObjectRefClaim;
  node?: ObjectRefClaim;
  /** Seconds since the epoch. */
  warnAfter?: number;
}

export interface BoundClaimsInput {
  serviceAccount: KubeObject;
  pod?: KubeObject;
  secret?: KubeObject;
  /** The node a Node-bound token names, or the node of the pod (possibly with only a name). */
  node?: KubeObject;
  expirationSeconds: number;
  /** 0 for none. */
  warnAfterSeconds: number;
  audiences: readonly string[];
  now: Date;
  /** The token id (uuid.NewString()). */
  jti: string;
}

/** `ref` with omitempty name and uid. */
function refJSON(ref: ObjectRefClaim): Record<string, string> {
  return { ...(ref.name ? { name: ref.name } : {}), ...(ref.uid ? { uid: ref.uid } : {}) };
}

function refOf(obj: KubeObject): ObjectRefClaim {
  return { name: obj.metadata.name ?? '', uid: obj.metadata.uid ?? '' };
}

/** Claims(): the public and private claims of a bound token, as JSON-ready objects. */
export function boundClaims(input: BoundClaimsInput): { claims: PublicClaims; privateClaims: Record<string, unknown>; kubernetes: BoundPrivateClaims } {
  const { serviceAccount: sa, pod, secret, node } = input;
  if (secret !== undefined && (node !== undefined || pod !== undefined)) throw new Error('internal error, token can only be bound to one object type');
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const namespace = sa.metadata.namespace ?? '';
  const claims: PublicClaims = {
    sub: serviceAccountUserName(namespace, sa.metadata.name ?? ''),
    aud: [...input.audiences],
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: nowSeconds + input.expirationSeconds,
    jti: input.jti,
  };
  const k: BoundPrivateClaims = { namespace, serviceAccount: refOf(sa) };
  if (pod !== undefined) {
    k.pod = refOf(pod);
    // a pod-bound token also names the pod's node when it is known
    if (node !== undefined) k.node = refOf(node);
  } else if (secret !== undefined) k.secret = refOf(secret);
  else if (node !== undefined) k.node = refOf(node);
  if (input.warnAfterSeconds !== 0) k.warnAfter = nowSeconds + input.warnAfterSeconds;
  const kubernetes: Record<string, unknown> = {
    ...(k.namespace ? { namespace: k.namespace } : {}),
    serviceaccount: refJSON(k.serviceAccount), // a struct: omitempty never drops it
    ...(k.pod ? { pod: refJSON(k.pod) } : {}),
    ...(k.secret ? { secret: refJSON(k.secret) } : {}),
    ...(k.node ? { node: refJSON(k.node) } : {}),
    ...(k.warnAfter !== undefined ? { warnafter: k.warnAfter } : {}),
  };
  return { claims, privateClaims: { 'kubernetes.io': kubernetes }, kubernetes: k };
}

/** json.Unmarshal of the payload into privateClaims. */
export function parseBoundPrivateClaims(payload: Record<string, unknown>): BoundPrivateClaims {
  const k = goObjectField(payload, 'kubernetes.io', 'privateClaims.kubernetes.io', 'serviceaccount.kubernetes') ?? {};
  const ref = (name: string): ObjectRefClaim | undefined => {
    const r = goObjectField(k, name, `privateClaims.kubernetes.io.${name}`, 'serviceaccount.ref');
    if (r === undefined) return undefined;
    return { name: goStringField(r, 'name', `privateClaims.kubernetes.io.${name}.name`), uid: goStringField(r, 'uid', `privateClaims.kubernetes.io.${name}.uid`) };
  };
  const out: BoundPrivateClaims = {
    namespace: goStringField(k, 'namespace', 'privateClaims.kubernetes.io.namespace'),
    serviceAccount: ref('serviceaccount') ?? { name: '', uid: '' },
  };
  const pod = ref('pod');
  const secret = ref('secret');
  const node = ref('node');
  const warnAfter = privateNumericDate(k, 'warnafter');
  if (pod) out.pod = pod;
  if (secret) out.secret = secret;
  if (node) out.node = node;
  if (warnAfter !== undefined) out.warnAfter = warnAfter;
  return out;
}

/** DeletionTimestamp != nil && DeletionTimestamp.Before(now - leeway). */
function deletedBefore(obj: KubeObject, limitMs: number): boolean {
  const ts = obj.metadata.deletionTimestamp;
  return ts !== undefined && ts !== null && Date.parse(ts) < limitMs;
}

const invalidated = 'service account token has been invalidated';

async function lookup(get: () => Promise<KubeObject>): Promise<KubeObject> {
  try {
    return await get();
  } catch {
    throw new Error(invalidated);
  }
}

export function boundTokenValidator(getter: ServiceAccountTokenGetter, clock: Clock): Validator<BoundPrivateClaims> {
  return {
    parsePrivate: parseBoundPrivateClaims,
    async validate(_token, claims, k): Promise<ServiceAccountInfo> {
      const nowMs = clock.nowMs();
      switch (validateTimes(claims, nowMs)) {
        case 'ErrExpired':
          throw new Error('service account token has expired');
        case 'ErrNotValidYet':
          throw new Error('service account token is not valid yet');
        case 'ErrIssuedInTheFuture':
          throw new Error('service account token is issued in the future');
        default:
      }
      // consider things deleted prior to now - leeway to be invalid
      const limit = nowMs - defaultLeewayMs;
      const { namespace, serviceAccount: saref, pod: podref, secret: secref, node: noderef } = k;
      const sa = await getter.getServiceAccount(namespace, saref.name); // its error is the answer
      if ((sa.metadata.uid ?? '') !== saref.uid) throw new Error(`service account UID (${sa.metadata.uid ?? ''}) does not match claim (${saref.uid})`);
      if (deletedBefore(sa, limit)) throw new Error(`service account ${namespace}/${saref.name} has been deleted`);

      if (secref !== undefined) {
        const secret = await lookup(() => getter.getSecret(namespace, secref.name));
        if (secref.uid !== (secret.metadata.uid ?? '')) throw new Error(`secret UID (${secret.metadata.uid ?? ''}) does not match service account secret ref claim (${secref.uid})`);
        if (deletedBefore(secret, limit)) throw new Error(invalidated);
      }

      const info: ServiceAccountInfo = { namespace, name: saref.name, uid: saref.uid };
      if (podref !== undefined) {
        const pod = await lookup(() => getter.getPod(namespace, podref.name));
        if (podref.uid !== (pod.metadata.uid ?? '')) throw new Error(`pod UID (${pod.metadata.uid ?? ''}) does not match service account pod ref claim (${podref.uid})`);
        if (deletedBefore(pod, limit)) throw new Error(invalidated);
        info.podName = podref.name;
        info.podUID = podref.uid;
      }

      if (noderef !== undefined) {
        if (podref !== undefined) {
          // for pod-bound tokens, just take the node claims
          info.nodeName = noderef.name;
          info.nodeUID = noderef.uid;
        } else {
          const node = await lookup(() => getter.getNode(noderef.name));
          if (noderef.uid !== (node.metadata.uid ?? '')) throw new Error(`node UID (${node.metadata.uid ?? ''}) does not match service account node ref claim (${noderef.uid})`);
          if (deletedBefore(node, limit)) throw new Error(invalidated);
          info.nodeName = noderef.name;
          info.nodeUID = noderef.uid;
        }
      }
      // warnafter only feeds audit annotations and metrics (stale-token) upstream
      const credentialID = credentialIDForJTI(claims.jti ?? '');
      if (credentialID !== '') info.credentialID = credentialID;
      return info;
    },
  };
}
