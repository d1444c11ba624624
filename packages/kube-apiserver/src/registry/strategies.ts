/**
 * Which strategy each resource and writable subresource uses. A resource not named here gets
 * ObjectMeta validation with its kind's name rule only; the table is the place to plug in the
 * semantics later issues bring (CSR approval, RBAC validation, NodeRestriction's neighbours).
 */
import {
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
  validatePathSegmentName,
} from '@tlsboot/api';
import type { ResourceInfo } from '@tlsboot/api';
import {
  certificateSigningRequestApprovalStrategy,
  certificateSigningRequestStatusStrategy,
  certificateSigningRequestStrategy,
} from './certificates/certificate-signing-request.js';
import { configMapStrategy } from './core/configmap.js';
import { namespaceStrategy } from './core/namespace.js';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac/strategy.js';
import { secretStrategy } from './core/secret.js';
import { defineStrategy, partUpdateStrategy, takeStatus } from './rest/generic-strategy.js';
import type { RESTStrategy } from './rest/strategy.js';

/** `<group>/<resource>` for the core group is `/<resource>`. */
const keyOf = (group: string, resource: string): string => `${group}/${resource}`;

const serviceStrategy = defineStrategy({ namespaced: true, nameValidation: nameIsDNS1035Label, hasStatus: true });
const nodeStrategy = defineStrategy({ namespaced: false, nameValidation: nameIsDNSSubdomain, hasStatus: true });
const podStrategy = defineStrategy({ namespaced: true, nameValidation: nameIsDNSSubdomain, hasStatus: true });

const mainStrategies: Record<string, RESTStrategy> = {
  [keyOf('', 'secrets')]: secretStrategy,
  [keyOf('', 'configmaps')]: configMapStrategy,
  [keyOf('', 'namespaces')]: namespaceStrategy,
  [keyOf('', 'services')]: serviceStrategy,
  [keyOf('', 'nodes')]: nodeStrategy,
  [keyOf('', 'pods')]: podStrategy,
  [keyOf('certificates.k8s.io', 'certificatesigningrequests')]: certificateSigningRequestStrategy,
  [keyOf('rbac.authorization.k8s.io', 'roles')]: roleStrategy,
  [keyOf('rbac.authorization.k8s.io', 'clusterroles')]: clusterRoleStrategy,
  [keyOf('rbac.authorization.k8s.io', 'rolebindings')]: roleBindingStrategy,
  [keyOf('rbac.authorization.k8s.io', 'clusterrolebindings')]: clusterRoleBindingStrategy,
};

const subresourceStrategies: Record<string, RESTStrategy> = {
  [keyOf('', 'namespaces/status')]: partUpdateStrategy(namespaceStrategy, takeStatus),
  [keyOf('', 'services/status')]: partUpdateStrategy(serviceStrategy, takeStatus),
  [keyOf('', 'nodes/status')]: partUpdateStrategy(nodeStrategy, takeStatus),
  [keyOf('', 'pods/status')]: partUpdateStrategy(podStrategy, takeStatus),
  [keyOf('certificates.k8s.io', 'certificatesigningrequests/status')]: certificateSigningRequestStatusStrategy,
  [keyOf('certificates.k8s.io', 'certificatesigningrequests/approval')]: certificateSigningRequestApprovalStrategy,
};

/** Kinds whose name is checked only as a path segment (CSRs, RBAC objects); everything else is a DNS subdomain. */
const pathSegmentNamed = new Set(['certificates.k8s.io', 'rbac.authorization.k8s.io']);

/** The strategy of `info`'s main endpoint. */
export function strategyFor(info: ResourceInfo): RESTStrategy {
  const found = mainStrategies[keyOf(info.group, info.resource)];
  if (found !== undefined) return found;
  return defineStrategy({
    namespaced: info.namespaced,
    nameValidation: pathSegmentNamed.has(info.group) ? validatePathSegmentName : nameIsDNSSubdomain,
  });
}

/** The strategy of a writable subresource, or undefined when the subresource is not served as a plain update. */
export function subresourceStrategyFor(info: ResourceInfo, subresource: string): RESTStrategy | undefined {
  return subresourceStrategies[keyOf(info.group, `${info.resource}/${subresource}`)];
}
