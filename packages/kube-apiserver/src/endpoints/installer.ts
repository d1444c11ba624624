/**
 * Routing a resource request to its handler, as the routes k8s.io/apiserver/pkg/endpoints/installer.go
 * registers per resource: collection (`…/<resource>`: list, watch, create, deletecollection),
 * item (`…/<resource>/<name>`: get, update, patch, delete), subresource (`…/<name>/<sub>`), and
 * the legacy `/watch/` paths. A path no route serves is 404 and a method the route lacks is 405,
 * with the generic bodies of the go-restful error handler. Namespaced resources are served
 * under `/namespaces/<ns>/` (and listed or watched across namespaces without it); cluster-scoped
 * ones never under a namespace.
 */
import { lookupResource, lookupSubresource } from '@tlsboot/api';
import type { Random } from '@tlsboot/util';
import type { AdmissionChain } from '../admission/interfaces.js';
import type { UserInfo } from '../authentication/interfaces.js';
import type { Authorizer } from '../authorization/interfaces.js';
import { selfSubjectReview } from '../registry/authentication/self-subject-review.js';
import { tokenReview } from '../registry/authentication/token-review.js';
import type { TokenReviewDependencies } from '../registry/authentication/token-review.js';
import { localSubjectAccessReview } from '../registry/authorization/local-subject-access-review.js';
import { selfSubjectAccessReview } from '../registry/authorization/self-subject-access-review.js';
import { selfSubjectRulesReview } from '../registry/authorization/self-subject-rules-review.js';
import { subjectAccessReview } from '../registry/authorization/subject-access-review.js';
import { withCSRTrace } from '../registry/certificates/csr-trace.js';
import { withRBACPolicy } from '../registry/rbac/policybased-store.js';
import type { ResourceRegistry } from '../registry/registry.js';
import { subresourceStrategyFor } from '../registry/strategies.js';
import type { Clock } from '@tlsboot/util';
import type { TraceEmit } from '../trace.js';
import { createResource, decodeRequestObject, ensureNamespace } from './handlers/create.js';
import { deleteCollection, deleteResource } from './handlers/delete.js';
import { newNoRouteMethodNotAllowed, newNoRouteNotFound } from './handlers/generic-errors.js';
import { getResource } from './handlers/get.js';
import { listResource } from './handlers/list.js';
import { withNameSelector } from './handlers/list-options.js';
import { patchResource } from './handlers/patch.js';
import type { ApiResponse, RequestScope } from './handlers/scope.js';
import { objectResponse, requestNamespace } from './handlers/scope.js';
import { updateResource } from './handlers/update.js';
import type { RequestInfo } from './request/request-info.js';

export interface ResourceRequest {
  method: string;
  info: RequestInfo;
  user: UserInfo;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
  /** Emits trace events of this request; undefined when the server's trace sink keeps nothing. */
  emit?: TraceEmit | undefined;
}

export interface InstallerDependencies {
  registry: ResourceRegistry;
  clock: Clock;
  random: Random;
  admission: AdmissionChain;
  authorizer: Authorizer;
  /**
   * POST handlers of create-only subresources (rest.NamedCreater), keyed
   * `<group>/<resource>/<subresource>`: `/serviceaccounts/token` (TokenRequest).
   */
  subresourceCreaters?: Readonly<Record<string, (scope: RequestScope) => Promise<ApiResponse>>>;
  /**
   * Handlers of connecter and streamer subresources (rest.Connecter, rest.StorageWithStreaming's
   * Get), keyed `<group>/<resource>/<subresource>`: `/pods/log`, `/nodes/proxy`. They get the
   * request's method and check it themselves.
   */
  subresourceConnecters?: Readonly<Record<string, (scope: RequestScope, method: string) => Promise<ApiResponse>>>;
  /** What TokenReview authenticates with: the server's token authenticators, API audiences, anonymous. */
  tokenReview?: TokenReviewDependencies;
}

/**
 * Create-only resources served without storage (the reviews' rest.Creater). As for any create,
 * the object's namespace is made the request's first (EnsureObjectNamespaceMatchesRequestNamespace).
 */
async function createReview(scope: RequestScope, deps: InstallerDependencies): Promise<ApiResponse | undefined> {
  const key = `${scope.resource.group}/${scope.resource.resource}`;
  const review = (): ReturnType<typeof decodeRequestObject> => {
    const obj = decodeRequestObject(scope);
    ensureNamespace(obj, requestNamespace(scope));
    return obj;
  };
  switch (key) {
    case 'authentication.k8s.io/selfsubjectreviews':
      review();
      return objectResponse(201, selfSubjectReview(scope.user, scope.clock.now()), false);
    case 'authentication.k8s.io/tokenreviews':
      return objectResponse(201, await tokenReview(review(), deps.tokenReview ?? { tokenAuthenticators: [], apiAudiences: [], anonymousAuth: true }), false);
    case 'authorization.k8s.io/selfsubjectaccessreviews':
      return objectResponse(201, await selfSubjectAccessReview(review(), scope.user, scope.authorizer), false);
    case 'authorization.k8s.io/selfsubjectrulesreviews':
      // the union authorizer is the chain's rule resolver
      return objectResponse(201, await selfSubjectRulesReview(review(), scope.user, scope.authorizer), false);
    case 'authorization.k8s.io/subjectaccessreviews':
      return objectResponse(201, await subjectAccessReview(review(), scope.authorizer), false);
    case 'authorization.k8s.io/localsubjectaccessreviews':
      return objectResponse(201, await localSubjectAccessReview(review(), scope.info.namespace, scope.authorizer), false);
    default:
      return undefined;
  }
}

export async function serveResourceRequest(req: ResourceRequest, deps: InstallerDependencies): Promise<ApiResponse> {
  const { info } = req;
  const resource = lookupResource(info.apiGroup, info.apiVersion, info.resource, deps.registry.table);
  if (resource === undefined) throw newNoRouteNotFound();
  const isNamespaceResource = resource.group === '' && resource.resource === 'namespaces';
  // cluster-scoped resources never live under /namespaces/<ns>/ (the namespace itself aside)
  if (!resource.namespaced && info.namespace !== '' && !isNamespaceResource) throw newNoRouteNotFound();
  const hasNamespace = resource.namespaced ? info.namespace !== '' : true;
  // a collection path has just the resource; info.name may still be set from a metadata.name field selector
  const collection = info.parts.length < 2;
  const subresource = info.subresource === '' ? undefined : lookupSubresource(resource, info.subresource);
  if (info.subresource !== '' && subresource === undefined) throw newNoRouteNotFound();

  const scope: RequestScope = {
    info,
    resource,
    subresource,
    // RBAC objects: escalation prevention around the Store (pkg/registry/rbac/*/policybased)
    store: withCSRTrace(withRBACPolicy(deps.registry.storeFor(resource), { info, user: req.user, authorizer: deps.authorizer, registry: deps.registry }), {
      emit: req.emit,
      user: req.user,
      subresource: info.subresource,
    }),
    registry: deps.registry,
    user: req.user,
    query: req.query,
    headers: req.headers,
    body: req.body,
    clock: deps.clock,
    admission: deps.admission,
    authorizer: deps.authorizer,
  };
  const can = (verb: string): void => {
    if (!resource.verbs.includes(verb as never)) throw newNoRouteMethodNotAllowed();
  };
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const listDeps = { random: () => deps.random.float() };

  // legacy /watch/… paths: a watch of the collection, narrowed to the name when there is one
  if (info.verbFromPath) {
    if (info.verb !== 'watch') throw newNoRouteNotFound();
    if (method !== 'GET' || subresource !== undefined) throw newNoRouteMethodNotAllowed();
    can('watch');
    if (!hasNamespace && !collection) throw newNoRouteNotFound();
    const query = collection ? req.query : withNameSelector(req.query, info.name);
    return listResource({ ...scope, query }, listDeps, true);
  }

  if (scope.store === undefined) {
    // create-only reviews: POST to the collection (of a namespace, for namespaced ones), nothing else
    if (!collection || !hasNamespace) throw newNoRouteNotFound();
    if (method !== 'POST') throw newNoRouteMethodNotAllowed();
    const answer = await createReview(scope, deps);
    if (answer === undefined) throw newNoRouteNotFound();
    return answer;
  }

  if (collection) {
    switch (method) {
      case 'GET':
        can(info.verb === 'watch' ? 'watch' : 'list');
        return listResource(scope, listDeps);
      case 'POST':
        if (!resource.namespaced || info.namespace !== '') {
          can('create');
          return createResource(scope);
        }
        throw newNoRouteMethodNotAllowed();
      case 'DELETE':
        if (hasNamespace) {
          can('deletecollection');
          return deleteCollection(scope);
        }
        throw newNoRouteMethodNotAllowed();
      default:
        throw newNoRouteMethodNotAllowed();
    }
  }
  if (!hasNamespace) throw newNoRouteNotFound();

  if (subresource !== undefined) {
    const connecter = deps.subresourceConnecters?.[`${resource.group}/${resource.resource}/${subresource.name}`];
    if (connecter !== undefined) return connecter(scope, method);
    const creater = deps.subresourceCreaters?.[`${resource.group}/${resource.resource}/${subresource.name}`];
    if (creater !== undefined) {
      if (method !== 'POST') throw newNoRouteMethodNotAllowed();
      return creater(scope);
    }
    const strategy = subresourceStrategyFor(resource, subresource.name);
    // proxy, log, token, finalize … arrive with the issues that give them meaning
    if (strategy === undefined) throw newNoRouteNotFound();
    const allows = (verb: string): void => {
      if (!subresource.verbs.includes(verb as never)) throw newNoRouteMethodNotAllowed();
    };
    switch (method) {
      case 'GET':
        allows('get');
        return getResource(scope);
      case 'PUT':
        allows('update');
        return updateResource(scope, strategy);
      case 'PATCH':
        allows('patch');
        return patchResource(scope, strategy);
      default:
        throw newNoRouteMethodNotAllowed();
    }
  }

  switch (method) {
    case 'GET':
      can('get');
      return getResource(scope);
    case 'PUT':
      can('update');
      return updateResource(scope, undefined);
    case 'PATCH':
      can('patch');
      return patchResource(scope, undefined);
    case 'DELETE':
      can('delete');
      return deleteResource(scope);
    default:
      throw newNoRouteMethodNotAllowed();
  }
}
