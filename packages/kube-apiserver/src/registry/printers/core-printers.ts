/**
 * The core/v1 printers of k/k pkg/printers/internalversion/printers.go that `kubectl get` shows:
 * namespaces, nodes, secrets, configmaps, serviceaccounts, pods, services.
 */
import type { KubeObject } from '@tlsboot/api';
import { ageSince } from './human-duration.js';
import { ageColumn, column, nameColumn } from './table.js';
import type { TableConvertor } from './table.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const name = (o: KubeObject): string => o.metadata.name ?? '';

export const namespacePrinter: TableConvertor = {
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  cells: (o, now) => [name(o), str(obj(o['status'])['phase']), ageSince(o.metadata.creationTimestamp, now)],
};

export const secretPrinter: TableConvertor = {
  columns: [
    nameColumn,
    column('Type', 'string', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
    column('Data', 'string', 'Data contains the secret data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4'),
    ageColumn,
  ],
  cells: (o, now) => [name(o), str(o['type']), Object.keys(obj(o['data'])).length, ageSince(o.metadata.creationTimestamp, now)],
};

export const configMapPrinter: TableConvertor = {
  columns: [nameColumn, column('Data', 'string', 'Data contains the configuration data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.'), ageColumn],
  cells: (o, now) => [name(o), Object.keys(obj(o['data'])).length + Object.keys(obj(o['binaryData'])).length, ageSince(o.metadata.creationTimestamp, now)],
};

export const serviceAccountPrinter: TableConvertor = {
  columns: [nameColumn, column('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), ageColumn],
  cells: (o, now) => [name(o), arr(o['secrets']).length, ageSince(o.metadata.creationTimestamp, now)],
};

/** Node STATUS: Ready / NotReady / Unknown from the Ready condition, then `,SchedulingDisabled`. */
export function nodeStatus(o: KubeObject): string {
  const ready = arr(obj(o['status'])['conditions']).map(obj).find((c) => c['type'] === 'Ready');
  const parts = [ready === undefined ? 'Unknown' : ready['status'] === 'True' ? 'Ready' : 'NotReady'];
  if (obj(o['spec'])['unschedulable'] === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Node ROLES: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`, sorted, or `<none>`. */
export function nodeRoles(o: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function nodeAddress(o: KubeObject, type: string): string {
  const found = arr(obj(o['status'])['addresses']).map(obj).find((a) => a['type'] === type);
  return found === undefined ? '<none>' : str(found['address']);
}

export const nodePrinter: TableConvertor = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'string', 'List of internal IPs for the node.', 1),
    column('External-IP', 'string', 'List of external IPs for the node.', 1),
    column('OS-Image', 'string', 'OS image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    column('Container-Runtime', 'string', 'Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  cells: (o, now) => {
    const info = obj(obj(o['status'])['nodeInfo']);
    const orUnknown = (s: string) => (s === '' ? '<unknown>' : s);
    return [
      name(o),
      nodeStatus(o),
      nodeRoles(o),
      ageSince(o.metadata.creationTimestamp, now),
      str(info['kubeletVersion']),
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      orUnknown(str(info['osImage'])),
      orUnknown(str(info['kernelVersion'])),
      orUnknown(str(info['containerRuntimeVersion'])),
    ];
  },
};

export const podPrinter: TableConvertor = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn,
    column('IP', 'string', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
    column('Node', 'string', 'NodeName is a request to schedule this pod onto a specific node.', 1),
  ],
  cells: (o, now) => {
    const spec = obj(o['spec']);
    const status = obj(o['status']);
    const statuses = arr(status['containerStatuses']).map(obj);
    const ready = statuses.filter((c) => c['ready'] === true).length;
    const restarts = statuses.reduce((n, c) => n + (typeof c['restartCount'] === 'number' ? c['restartCount'] : 0), 0);
    const phase = str(status['reason']) || str(status['phase']) || 'Pending';
    return [
      name(o),
      `${ready}/${arr(spec['containers']).length}`,
      o.metadata.deletionTimestamp ? 'Terminating' : phase,
      restarts,
      ageSince(o.metadata.creationTimestamp, now),
      str(status['podIP']) || '<none>',
      str(spec['nodeName']) || '<none>',
    ];
  },
};

export const servicePrinter: TableConvertor = {
  columns: [
    nameColumn,
    column('Type', 'string', 'The type of the service.'),
    column('Cluster-IP', 'string', 'The IP address of the service.'),
    column('External-IP', 'string', 'The external IP address of the service.'),
    column('Port(s)', 'string', 'The ports that the service exposes.'),
    ageColumn,
  ],
  cells: (o, now) => {
    const spec = obj(o['spec']);
    const ports = arr(spec['ports'])
      .map(obj)
      .map((p) => `${p['port']}${p['nodePort'] ? `:${p['nodePort']}` : ''}/${str(p['protocol']) || 'TCP'}`);
    const external = arr(spec['externalIPs']).map(str);
    return [
      name(o),
      str(spec['type']) || 'ClusterIP',
      str(spec['clusterIP']) || '<none>',
      external.length > 0 ? external.join(',') : '<none>',
      ports.length > 0 ? ports.join(',') : '<none>',
      ageSince(o.metadata.creationTimestamp, now),
    ];
  },
};
