/**
 * TokenRequest: `POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token`, what `kubectl create
 * token` and the kubelet call. kubernetes/kubernetes pkg/registry/core/serviceaccount/storage/token.go
 * (TokenREST.Create) behind the generic createHandler of a named creater:
 *
 * 1. decode the body as an authentication.k8s.io/v1 TokenRequest (defaulting expirationSeconds
 *    to 3600), wipe the system fields, make its namespace the URL's, mutating admission;
 * 2. metadata.name / metadata.namespace, when given, must match the URL (422);
 * 3. the ServiceAccount must exist (404 `serviceaccounts "x" not found`);
 * 4. audiences default to the API audiences; creationTimestamp is now; status is cleared;
 * 5. validation (422 `… may not specify a duration less than 10 minutes`), validating admission;
 * 6. boundObjectRef: a Pod (which must run as this ServiceAccount; its node is named in the
 *    token too), a Node or a Secret, read from storage (404 when absent, 409 when the uid given
 *    differs); any other kind is 400;
 * 7. --service-account-max-token-expiration shortens the expiration; a pod-bound request for
 *    exactly 3607 s with the API audiences gets a one-year token that only warns after 3607 s
 *    (--service-account-extend-token-expiration, default true);
 * 8. the token (a bound JWT, jti a fresh uuid); 201 with status.token and
 *    status.expirationTimestamp = now + spec.expirationSeconds.
 */
import { fieldInvalid, isNotFound, newBadRequest, newConflict, newFieldPath, newInternalError, newInvalid } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import type { Clock, Random } from '@tlsboot/util';
import { decodeObject } from '../../endpoints/handlers/decode.js';
import { ensureNamespace, headerOf } from '../../endpoints/handlers/create.js';
import { negotiateInput } from '../../endpoints/handlers/negotiation.js';
import type { ApiResponse, RequestScope } from '../../endpoints/handlers/scope.js';
import { objectResponse } from '../../endpoints/handlers/scope.js';
import { boundClaims, expirationExtensionSeconds, warnOnlyBoundTokenExpirationSeconds } from '../../serviceaccount/claims.js';
import type { TokenGenerator } from '../../serviceaccount/jwt.js';
import { orderFields } from '../generic/field-order.js';
import { formatTimestamp, newUID } from '../generic/system-fields.js';
import type { ResourceRegistry } from '../registry.js';
import { decodeTokenRequestSpec, groupVersionKindOf, groupVersionKindString, tokenRequestSpecJSON, validateTokenRequestSpec } from './serviceaccount-token-validation.js';
import type { TokenRequestSpec } from './serviceaccount-token-validation.js';

const tokenRequestKind = { group: 'authentication.k8s.io', kind: 'TokenRequest' };
const typeMeta = { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1' };

export interface ServiceAccountTokenOptions {
  /** Signs bound tokens as the first --service-account-issuer. */
  generator: TokenGenerator;
  /** --api-audiences: the default audiences of a token. */
  apiAudiences: readonly string[];
  /** --service-account-max-token-expiration in seconds; 0 (default) for none. */
  maxExpirationSeconds?: number;
  /** --service-account-extend-token-expiration (default true). */
  extendExpiration?: boolean;
  registry: ResourceRegistry;
  clock: Clock;
  random: Random;
}

/** The request handler of the serviceaccounts/token subresource (POST only). */
export function serviceAccountTokenHandler(options: ServiceAccountTokenOptions): (scope: RequestScope) => Promise<ApiResponse> {
  const apiAudiences = new Set(options.apiAudiences);
  const store = (resource: string) => options.registry.store('', resource);

  return async (scope) => {
    const { namespace, name } = scope.info;
    // createHandler: decode, wipe system fields, the URL's namespace, mutating admission
    const expected = { ...scope.resource, group: scope.subresource!.group, version: scope.subresource!.version, kind: scope.subresource!.kind };
    const req = decodeObject(scope.body, negotiateInput(headerOf(scope.headers['content-type'])), expected);
    for (const f of ['creationTimestamp', 'uid', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'] as const) delete req.metadata[f];
    ensureNamespace(req, namespace);
    const spec: TokenRequestSpec = decodeTokenRequestSpec(req);
    req['spec'] = tokenRequestSpecJSON(spec);
    const base = { resource: scope.resource, subresource: 'token', namespace, name, user: scope.user };
    await scope.admission.admit({ ...base, operation: 'CREATE', object: req });

    // TokenREST.Create
    if (req.metadata.name && req.metadata.name !== name) {
      throw newInvalid(tokenRequestKind, name, [fieldInvalid(newFieldPath('metadata', 'name'), req.metadata.name, 'must match the service account name if specified')]);
    }
    if (req.metadata.namespace && req.metadata.namespace !== namespace) {
      throw newInvalid(tokenRequestKind, name, [fieldInvalid(newFieldPath('metadata', 'namespace'), req.metadata.namespace, 'must match the service account namespace if specified')]);
    }
    const serviceAccount = await store('serviceaccounts').get(namespace, name);
    if (spec.audiences.length === 0) spec.audiences = [...options.apiAudiences];
    req.metadata.name ||= serviceAccount.metadata.name ?? name;
    req.metadata.namespace ||= serviceAccount.metadata.namespace ?? namespace;
    // the time is taken before the token is built, so that expirationTimestamp <= exp
    const now = options.clock.now();
    req.metadata.creationTimestamp = formatTimestamp(now);
    req['spec'] = tokenRequestSpecJSON(spec);
    delete req['status'];
    const errs = validateTokenRequestSpec(spec);
    if (errs.length > 0) throw newInvalid(tokenRequestKind, '', errs);
    await scope.admission.validate({ ...base, operation: 'CREATE', object: structuredClone(req) });

    const bound = await boundObjects(spec, name, namespace, store);

    if ((options.maxExpirationSeconds ?? 0) > 0 && spec.expirationSeconds > options.maxExpirationSeconds!) {
      // upstream also warns: `requested expiration of N seconds shortened to M seconds`
      spec.expirationSeconds = options.maxExpirationSeconds!;
    }
    // the kubelet's 3607 s pod-bound tokens for the apiserver get a year and only warn after 3607 s
    let warnAfterSeconds = 0;
    let exp = spec.expirationSeconds;
    const kubeAudiences = spec.audiences.every((a) => apiAudiences.has(a));
    if ((options.extendExpiration ?? true) && bound.pod !== undefined && spec.expirationSeconds === warnOnlyBoundTokenExpirationSeconds && kubeAudiences) {
      warnAfterSeconds = exp;
      exp = expirationExtensionSeconds;
    }
    const { claims, privateClaims } = boundClaims({ serviceAccount, ...bound, expirationSeconds: exp, warnAfterSeconds, audiences: spec.audiences, now, jti: newUID(options.random) });
    const token = await options.generator.generateToken(claims, privateClaims);

    const out: KubeObject = {
      ...req,
      spec: tokenRequestSpecJSON(spec),
      status: { token, expirationTimestamp: formatTimestamp(new Date(now.getTime() + spec.expirationSeconds * 1000)) },
    };
    return objectResponse(201, orderFields(out, typeMeta), false);
  };
}

interface BoundObjects {
  pod?: KubeObject;
  secret?: KubeObject;
  node?: KubeObject;
}

/** The object spec.boundObjectRef names, checked as TokenREST.Create checks it. */
async function boundObjects(spec: TokenRequestSpec, name: string, namespace: string, store: (resource: string) => ReturnType<ResourceRegistry['store']>): Promise<BoundObjects> {
  const ref = spec.boundObjectRef;
  if (ref === undefined) return {};
  const gvk = groupVersionKindOf(ref);
  const out: BoundObjects = {};
  let uid: string;
  // the registry's key function refuses an empty name before any lookup
  const named = (): string => {
    if (!ref.name) throw newBadRequest('Name parameter required.');
    return ref.name;
  };
  if (gvk.group === '' && gvk.kind === 'Pod') {
    const pod = await store('pods').get(namespace, named());
    const podSpec = (pod['spec'] ?? {}) as { serviceAccountName?: string; nodeName?: string };
    if (name !== (podSpec.serviceAccountName ?? '')) {
      throw newBadRequest(`cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`);
    }
    out.pod = pod;
    uid = pod.metadata.uid ?? '';
    const nodeName = podSpec.nodeName ?? '';
    if (nodeName !== '') {
      try {
        out.node = await store('nodes').get('', nodeName);
      } catch (err) {
        // a node that does not exist: the token still names it, without a uid
        if (!isNotFound(err)) throw newInternalError(err);
        out.node = { kind: 'Node', apiVersion: 'v1', metadata: { name: nodeName } };
      }
    }
  } else if (gvk.group === '' && gvk.kind === 'Node') {
    out.node = await store('nodes').get('', named());
    uid = out.node.metadata.uid ?? '';
  } else if (gvk.group === '' && gvk.kind === 'Secret') {
    out.secret = await store('secrets').get(namespace, named());
    uid = out.secret.metadata.uid ?? '';
  } else {
    throw newBadRequest(`cannot bind token to object of type ${groupVersionKindString(gvk)}`);
  }
  if (ref.uid && uid !== ref.uid) {
    throw newConflict(
      { group: gvk.group, resource: gvk.kind },
      ref.name ?? '',
      `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  return out;
}
