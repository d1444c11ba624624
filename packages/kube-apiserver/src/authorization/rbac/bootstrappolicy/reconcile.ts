// The reconcile decisions the apiserver's rbac/bootstrap-roles PostStartHook applies to each default
// object (kubernetes/kubernetes pkg/registry/rbac/reconciliation/reconcile_role.go
// computeReconciledRole and reconcile_rolebindings.go computeReconciledRoleBinding), in the mode the
// hook uses: union, never removing what an admin added (RemoveExtraPermissions and
// RemoveExtraSubjects false). Pure: they say what to write; ensure-policy.ts writes it.
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '@tlsboot/api';
import { covers } from '../../../registry/rbac/validation/policy-comparator.js';
import { autoUpdateAnnotationKey } from './rule-builder.js';

export type ReconcileOperation = 'none' | 'create' | 'update' | 'recreate';

export interface ReconcileResult<T> {
  operation: ReconcileOperation;
  /** `rbac.authorization.kubernetes.io/autoupdate: "false"` on the existing object: it is left as it is. */
  protected: boolean;
  /** The object to write (the expected one for create and recreate). */
  object: T;
}

/** merge(expected, existing): the existing values win. Undefined when both are. */
function merge(expected: Record<string, string> | undefined, existing: Record<string, string> | undefined): Record<string, string> | undefined {
  if (expected === undefined && existing === undefined) return undefined;
  return { ...expected, ...existing };
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const x = Object.entries(a ?? {});
  return (a === undefined) === (b === undefined) && x.length === Object.keys(b ?? {}).length && x.every(([k, v]) => b?.[k] === v);
}

const isProtected = (obj: { metadata: { annotations?: Record<string, string> } }): boolean => obj.metadata.annotations?.[autoUpdateAnnotationKey] === 'false';

/** Labels and annotations of `expected` the existing object lacks; true when that changes it. */
function mergeMetadata(result: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } }, existing: typeof result, expected: typeof result): boolean {
  const annotations = merge(expected.metadata.annotations, existing.metadata.annotations);
  const labels = merge(expected.metadata.labels, existing.metadata.labels);
  if (annotations !== undefined) result.metadata.annotations = annotations;
  if (labels !== undefined) result.metadata.labels = labels;
  return !sameMap(annotations, existing.metadata.annotations) || !sameMap(labels, existing.metadata.labels);
}

/** computeReconciledRole: add the expected rules (and aggregation selectors) the existing role does not cover. */
export function computeReconciledRole<T extends ClusterRole | Role>(existing: T, expected: T): ReconcileResult<T> {
  const object = structuredClone(existing);
  let operation: ReconcileOperation = mergeMetadata(object, existing, expected) ? 'update' : 'none';
  // Covers breaks the expected rules down into atomic ones; the uncovered atoms are appended
  const missingRules: PolicyRule[] = covers(existing.rules ?? [], expected.rules ?? []).uncovered;
  if (missingRules.length > 0) {
    object.rules = [...(existing.rules ?? []), ...missingRules];
    operation = 'update';
  }
  const expectedSelectors = (expected as ClusterRole).aggregationRule?.clusterRoleSelectors;
  if (expectedSelectors !== undefined) {
    const have = (existing as ClusterRole).aggregationRule?.clusterRoleSelectors ?? [];
    const missing = expectedSelectors.filter((s) => !have.some((h) => JSON.stringify(h) === JSON.stringify(s)));
    if (missing.length > 0) {
      (object as ClusterRole).aggregationRule = { clusterRoleSelectors: [...have, ...missing] };
      operation = 'update';
    }
  }
  return { operation, protected: isProtected(existing), object };
}

const sameSubject = (a: Subject, b: Subject): boolean => a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
const sameRoleRef = (a: ClusterRoleBinding['roleRef'], b: ClusterRoleBinding['roleRef']): boolean => a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name;

/** computeReconciledRoleBinding: a different roleRef means delete and create; otherwise add the missing subjects. */
export function computeReconciledRoleBinding<T extends ClusterRoleBinding | RoleBinding>(existing: T, expected: T): ReconcileResult<T> {
  if (!sameRoleRef(existing.roleRef, expected.roleRef)) return { operation: 'recreate', protected: isProtected(existing), object: expected };
  const object = structuredClone(existing);
  let operation: ReconcileOperation = mergeMetadata(object, existing, expected) ? 'update' : 'none';
  const have = existing.subjects ?? [];
  const missing: Subject[] = [];
  for (const s of expected.subjects ?? []) if (!have.some((h) => sameSubject(h, s)) && !missing.some((m) => sameSubject(m, s))) missing.push(s);
  if (missing.length > 0) {
    object.subjects = [...have, ...missing];
    operation = 'update';
  }
  return { operation, protected: isProtected(existing), object };
}
