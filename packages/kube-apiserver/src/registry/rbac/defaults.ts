// Defaulting of rbac.authorization.k8s.io/v1 objects (kubernetes/kubernetes
// pkg/apis/rbac/v1/defaults.go), applied as the decoder applies it — before admission, the
// escalation checks and validation: an empty roleRef.apiGroup becomes rbac.authorization.k8s.io,
// and so does an empty subject apiGroup of a User or Group (a ServiceAccount's stays "").
import { rbacGroup } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function setRBACDefaults(resource: string, obj: KubeObject): void {
  if (resource !== 'rolebindings' && resource !== 'clusterrolebindings') return;
  if (!isObj(obj['roleRef'])) obj['roleRef'] = {};
  const roleRef = obj['roleRef'] as Obj;
  if (!roleRef['apiGroup']) roleRef['apiGroup'] = rbacGroup;
  if (!Array.isArray(obj['subjects'])) return;
  for (const s of obj['subjects'] as unknown[]) {
    if (!isObj(s) || s['apiGroup']) continue;
    if (s['kind'] === 'User' || s['kind'] === 'Group') s['apiGroup'] = rbacGroup;
  }
}
