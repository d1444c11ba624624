/**
 * Which Node labels a kubelet may set on itself (kubernetes/kubernetes:
 * staging/src/k8s.io/kubelet/pkg/apis/well_known_labels.go IsKubeletLabel), and which label
 * changes NodeRestriction forbids (plugin/pkg/admission/noderestriction/admission.go
 * getModifiedLabels, getForbiddenLabels): anything in node-restriction.kubernetes.io, and any
 * other kubernetes.io or k8s.io label that is not a kubelet label.
 */

/** kubeletLabels: the well-known labels the kubelet sets (GA and the legacy beta spellings). */
export const kubeletLabels: readonly string[] = [
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
];

/** kubeletLabelNamespaces: label prefixes (and their subdomains) the kubelet may set freely. */
export const kubeletLabelNamespaces: readonly string[] = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

/** v1.LabelNamespaceNodeRestriction: labels kubelets may never set, for workload steering by admins. */
export const labelNamespaceNodeRestriction = 'node-restriction.kubernetes.io';

/** The prefix before the first "/", or '' for an unprefixed key. */
export function labelNamespace(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? '' : key.slice(0, i);
}

const inDomain = (namespace: string, domain: string): boolean => namespace === domain || namespace.endsWith(`.${domain}`);

export function isKubeletLabel(key: string): boolean {
  if (kubeletLabels.includes(key)) return true;
  const ns = labelNamespace(key);
  return kubeletLabelNamespaces.some((allowed) => inDomain(ns, allowed));
}

export function isKubernetesLabel(key: string): boolean {
  const ns = labelNamespace(key);
  return inDomain(ns, 'kubernetes.io') || inDomain(ns, 'k8s.io');
}

/** getModifiedLabels: keys added, removed or changed between the two maps. */
export function modifiedLabels(a: Readonly<Record<string, string>> = {}, b: Readonly<Record<string, string>> = {}): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(a)) if (!Object.hasOwn(b, k) || b[k] !== v) out.add(k);
  for (const [k, v] of Object.entries(b)) if (!Object.hasOwn(a, k) || a[k] !== v) out.add(k);
  return out;
}

/** getForbiddenLabels, sorted as sets.String.List() returns them. */
export function forbiddenLabels(modified: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const label of modified) {
    if (inDomain(labelNamespace(label), labelNamespaceNodeRestriction)) out.add(label);
    if (isKubernetesLabel(label) && !isKubeletLabel(label)) out.add(label);
  }
  return [...out].sort();
}
