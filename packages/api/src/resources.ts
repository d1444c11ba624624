/**
 * The resources tlsboot's apiserver serves, as kube-apiserver v1.32 describes them in discovery:
 * one table that discovery, request routing, RBAC attributes and the store read. Names, kinds,
 * scope, verbs, short names, categories and subresources follow the registries in
 * k8s.io/kubernetes pkg/registry/<group>/<resource>/storage/storage.go; etcd prefixes follow
 * kube-apiserver's key layout (`/registry/minions/<node>`, `/registry/services/specs/<ns>/<name>`);
 * field selectors follow the AddFieldLabelConversionFunc tables (pkg/apis/core/v1/conversion.go,
 * pkg/apis/certificates/v1/conversion.go) or, for other kinds, metav1's default
 * (metadata.name, metadata.namespace).
 */
import { createHash } from 'node:crypto';
import type { GroupVersionKind } from './meta.js';
import {
  authenticationGroup,
  authorizationGroup,
  certificatesGroup,
  coordinationGroup,
  coreGroup,
  discoveryGroup,
  eventsGroup,
  rbacGroup,
} from './well-known.js';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface SubresourceInfo {
  /** `status`, `approval`, `log`, `token`, … */
  readonly name: string;
  /** The kind the subresource takes and returns; its group/version when they differ (serviceaccounts/token). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Sorted, as discovery lists them. */
  readonly verbs: readonly Verb[];
}

export interface ResourceInfo {
  readonly group: string;
  readonly version: string;
  /** The plural, as in URLs and RBAC rules. */
  readonly resource: string;
  readonly singularName: string;
  readonly kind: string;
  /** `<Kind>List` for resources that can be listed. */
  readonly listKind?: string;
  readonly namespaced: boolean;
  /** Sorted, as discovery lists them. */
  readonly verbs: readonly Verb[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly subresources: readonly SubresourceInfo[];
  /** The key prefix below `/registry/` for stored resources; absent for create-only reviews. */
  readonly etcdPrefix?: string;
  /**
   * The storage version's hash discovery reports (base64 of the first 8 bytes of
   * sha256("<group>/<version>/<Kind>") of the storage version), for stored resources.
   */
  readonly storageVersionHash?: string;
  /** The field labels a field selector may use (after `fieldLabelAliases`). */
  readonly fieldSelectors: readonly string[];
  /** Older spellings the conversion renames (pods: `spec.host` → `spec.nodeName`). */
  readonly fieldLabelAliases: Readonly<Record<string, string>>;
  /**
   * DELETE answers with the deleted object (registry `ReturnDeletedObject`, or a custom Delete
   * such as namespaces'), not with a Success Status.
   */
  readonly deleteReturnsObject: boolean;
}

/** API groups in discovery order (kube-apiserver's APIService priorities, highest first). */
export const apiGroupOrder: readonly string[] = [
  coreGroup, // 18000
  eventsGroup, // 17750
  authenticationGroup, // 17700
  authorizationGroup, // 17600
  certificatesGroup, // 17300
  rbacGroup, // 17000
  coordinationGroup, // 16500
  discoveryGroup, // 16200
];

const crud: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const createOnly: readonly Verb[] = ['create'];
const statusVerbs: readonly Verb[] = ['get', 'patch', 'update'];
const metaFields = ['metadata.name', 'metadata.namespace'];

/** discovery.StorageVersionHash (k8s.io/apiserver pkg/endpoints/discovery/storageversionhash.go). */
export function storageVersionHash(gvk: GroupVersionKind): string {
  return createHash('sha256').update(`${gvk.group}/${gvk.version}/${gvk.kind}`).digest().subarray(0, 8).toString('base64');
}

interface Spec {
  group: string;
  resource: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  verbs?: readonly Verb[];
  shortNames?: string[];
  categories?: string[];
  subresources?: [name: string, kind: string, verbs: readonly Verb[], gv?: { group: string; version: string }][];
  /** undefined for create-only reviews, which are not stored. */
  etcdPrefix?: string;
  /** The stored kind when another group's version is the storage version (events.k8s.io → v1 Event). */
  storage?: GroupVersionKind;
  fieldSelectors?: string[];
  fieldLabelAliases?: Record<string, string>;
  deleteReturnsObject?: boolean;
}

function resource(s: Spec): ResourceInfo {
  const version = 'v1';
  const stored = s.etcdPrefix !== undefined;
  const info: ResourceInfo = {
    group: s.group,
    version,
    resource: s.resource,
    singularName: s.singularName,
    kind: s.kind,
    ...(stored ? { listKind: `${s.kind}List` } : {}),
    namespaced: s.namespaced,
    verbs: s.verbs ?? (stored ? crud : createOnly),
    shortNames: s.shortNames ?? [],
    categories: s.categories ?? [],
    subresources: (s.subresources ?? []).map(([name, kind, verbs, gv]) => ({ name, group: gv?.group ?? s.group, version: gv?.version ?? version, kind, verbs })),
    ...(stored ? { etcdPrefix: s.etcdPrefix, storageVersionHash: storageVersionHash(s.storage ?? { group: s.group, version, kind: s.kind }) } : {}),
    fieldSelectors: s.fieldSelectors ?? metaFields,
    fieldLabelAliases: s.fieldLabelAliases ?? {},
    deleteReturnsObject: s.deleteReturnsObject ?? false,
  };
  return info;
}

/** Every resource, in discovery order: by group priority, then by name. */
export const resources: readonly ResourceInfo[] = [
  // ---- core v1 ----
  resource({ group: coreGroup, resource: 'configmaps', singularName: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], etcdPrefix: 'configmaps' }),
  resource({
    group: coreGroup,
    resource: 'endpoints',
    singularName: 'endpoints',
    kind: 'Endpoints',
    namespaced: true,
    shortNames: ['ep'],
    etcdPrefix: 'services/endpoints',
  }),
  resource({
    group: coreGroup,
    resource: 'events',
    singularName: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    etcdPrefix: 'events',
    fieldSelectors: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
      'metadata.namespace',
      'metadata.name',
    ],
  }),
  resource({
    group: coreGroup,
    resource: 'namespaces',
    singularName: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    // The namespace registry has no DeleteCollection.
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ns'],
    subresources: [
      ['finalize', 'Namespace', ['update']],
      ['status', 'Namespace', statusVerbs],
    ],
    etcdPrefix: 'namespaces',
    fieldSelectors: ['status.phase', 'metadata.name'],
    deleteReturnsObject: true,
  }),
  resource({
    group: coreGroup,
    resource: 'nodes',
    singularName: 'node',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    subresources: [
      // A connecter: GET/POST/PUT/PATCH/DELETE map to these verbs in discovery.
      ['proxy', 'NodeProxyOptions', ['create', 'delete', 'get', 'patch', 'update']],
      ['status', 'Node', statusVerbs],
    ],
    etcdPrefix: 'minions',
    fieldSelectors: ['metadata.name', 'spec.unschedulable'],
  }),
  resource({
    group: coreGroup,
    resource: 'pods',
    singularName: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: [
      ['log', 'Pod', ['get']],
      ['status', 'Pod', statusVerbs],
    ],
    etcdPrefix: 'pods',
    fieldSelectors: [
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
    ],
    fieldLabelAliases: { 'spec.host': 'spec.nodeName' },
    deleteReturnsObject: true,
  }),
  resource({
    group: coreGroup,
    resource: 'secrets',
    singularName: 'secret',
    kind: 'Secret',
    namespaced: true,
    etcdPrefix: 'secrets',
    fieldSelectors: ['type', 'metadata.namespace', 'metadata.name'],
  }),
  resource({
    group: coreGroup,
    resource: 'serviceaccounts',
    singularName: 'serviceaccount',
    kind: 'ServiceAccount',
    namespaced: true,
    shortNames: ['sa'],
    subresources: [['token', 'TokenRequest', createOnly, { group: authenticationGroup, version: 'v1' }]],
    etcdPrefix: 'serviceaccounts',
    deleteReturnsObject: true,
  }),
  resource({
    group: coreGroup,
    resource: 'services',
    singularName: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: [['status', 'Service', statusVerbs]],
    etcdPrefix: 'services/specs',
    fieldSelectors: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'],
    deleteReturnsObject: true,
  }),
  // ---- events.k8s.io/v1: the same objects as core v1 events, stored as v1 Event ----
  resource({
    group: eventsGroup,
    resource: 'events',
    singularName: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    etcdPrefix: 'events',
    storage: { group: coreGroup, version: 'v1', kind: 'Event' },
  }),
  // ---- authentication.k8s.io/v1 ----
  resource({ group: authenticationGroup, resource: 'selfsubjectreviews', singularName: 'selfsubjectreview', kind: 'SelfSubjectReview', namespaced: false }),
  resource({ group: authenticationGroup, resource: 'tokenreviews', singularName: 'tokenreview', kind: 'TokenReview', namespaced: false }),
  // ---- authorization.k8s.io/v1 ----
  resource({ group: authorizationGroup, resource: 'localsubjectaccessreviews', singularName: 'localsubjectaccessreview', kind: 'LocalSubjectAccessReview', namespaced: true }),
  resource({ group: authorizationGroup, resource: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', namespaced: false }),
  resource({ group: authorizationGroup, resource: 'selfsubjectrulesreviews', singularName: 'selfsubjectrulesreview', kind: 'SelfSubjectRulesReview', namespaced: false }),
  resource({ group: authorizationGroup, resource: 'subjectaccessreviews', singularName: 'subjectaccessreview', kind: 'SubjectAccessReview', namespaced: false }),
  // ---- certificates.k8s.io/v1 ----
  resource({
    group: certificatesGroup,
    resource: 'certificatesigningrequests',
    singularName: 'certificatesigningrequest',
    kind: 'CertificateSigningRequest',
    namespaced: false,
    shortNames: ['csr'],
    subresources: [
      ['approval', 'CertificateSigningRequest', statusVerbs],
      ['status', 'CertificateSigningRequest', statusVerbs],
    ],
    etcdPrefix: 'certificatesigningrequests',
    fieldSelectors: ['metadata.name', 'spec.signerName'],
  }),
  // ---- rbac.authorization.k8s.io/v1 ----
  resource({ group: rbacGroup, resource: 'clusterrolebindings', singularName: 'clusterrolebinding', kind: 'ClusterRoleBinding', namespaced: false, etcdPrefix: 'clusterrolebindings' }),
  resource({ group: rbacGroup, resource: 'clusterroles', singularName: 'clusterrole', kind: 'ClusterRole', namespaced: false, etcdPrefix: 'clusterroles' }),
  resource({ group: rbacGroup, resource: 'rolebindings', singularName: 'rolebinding', kind: 'RoleBinding', namespaced: true, etcdPrefix: 'rolebindings' }),
  resource({ group: rbacGroup, resource: 'roles', singularName: 'role', kind: 'Role', namespaced: true, etcdPrefix: 'roles' }),
  // ---- coordination.k8s.io/v1 ----
  resource({ group: coordinationGroup, resource: 'leases', singularName: 'lease', kind: 'Lease', namespaced: true, etcdPrefix: 'leases' }),
  // ---- discovery.k8s.io/v1 ----
  resource({ group: discoveryGroup, resource: 'endpointslices', singularName: 'endpointslice', kind: 'EndpointSlice', namespaced: true, etcdPrefix: 'endpointslices' }),
];
