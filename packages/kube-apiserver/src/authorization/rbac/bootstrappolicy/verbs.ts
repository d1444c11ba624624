// The verb lists and API group names of kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, and its eventsRule()
// (controller_policy.go).
import type { PolicyRule } from '@tlsboot/api';
import { newRule } from './rule-builder.js';

export const Write = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const ReadWrite = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
export const Read = ['get', 'list', 'watch'];
export const ReadUpdate = ['get', 'list', 'watch', 'update', 'patch'];

export const legacyGroup = '';
export const appsGroup = 'apps';
export const authenticationGroup = 'authentication.k8s.io';
export const authorizationGroup = 'authorization.k8s.io';
export const autoscalingGroup = 'autoscaling';
export const batchGroup = 'batch';
export const certificatesGroup = 'certificates.k8s.io';
export const coordinationGroup = 'coordination.k8s.io';
export const discoveryGroup = 'discovery.k8s.io';
export const extensionsGroup = 'extensions';
export const policyGroup = 'policy';
export const rbacGroup = 'rbac.authorization.k8s.io';
export const storageGroup = 'storage.k8s.io';
export const resMetricsGroup = 'metrics.k8s.io';
export const customMetricsGroup = 'custom.metrics.k8s.io';
export const externalMetricsGroup = 'external.metrics.k8s.io';
export const networkingGroup = 'networking.k8s.io';
export const eventsGroup = 'events.k8s.io';
export const admissionRegistrationGroup = 'admissionregistration.k8s.io';

/** eventsRule(): create, update, patch events in the core and events.k8s.io groups. */
export function eventsRule(): PolicyRule {
  return newRule('create', 'update', 'patch').groups(legacyGroup, eventsGroup).resources('events').rule();
}
