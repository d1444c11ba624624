/**
 * Printers of the other groups (k/k pkg/printers/internalversion/printers.go):
 * certificatesigningrequests, leases, and the RBAC kinds.
 */
import type { KubeObject } from '@tlsboot/api';
import { ageSince, humanDuration } from './human-duration.js';
import { ageColumn, column, creationTimestampDescription, nameColumn } from './table.js';
import type { TableConvertor } from './table.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * extractCSRStatus: `Denied` if any Denied condition, else `Approved` if any Approved, else
 * `Pending`; then `,Failed` for a Failed condition and `,Issued` once a certificate is present.
 */
export function csrCondition(o: KubeObject): string {
  const status = obj(o['status']);
  const types = new Set(arr(status['conditions']).map((c) => obj(c)['type']));
  let out = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) out += ',Failed';
  if (str(status['certificate']) !== '') out += ',Issued';
  return out;
}

export const certificateSigningRequestPrinter: TableConvertor = {
  columns: [
    nameColumn,
    ageColumn,
    column('SignerName', 'string', 'Only used by v1beta1 CSRs; the signer of the request.'),
    column('Requestor', 'string', 'Name of requestor'),
    column('RequestedDuration', 'string', 'Length of time the certificate is requested to be valid for'),
    column('Condition', 'string', 'State of the signing request'),
  ],
  cells: (o, now) => {
    const spec = obj(o['spec']);
    const expiration = spec['expirationSeconds'];
    return [
      o.metadata.name ?? '',
      ageSince(o.metadata.creationTimestamp, now),
      str(spec['signerName']) || '<none>',
      str(spec['username']),
      typeof expiration === 'number' ? humanDuration(expiration * 1000) : '<none>',
      csrCondition(o),
    ];
  },
};

export const leasePrinter: TableConvertor = {
  columns: [nameColumn, column('Holder', 'string', 'The holder of the lease'), ageColumn],
  cells: (o, now) => [o.metadata.name ?? '', str(obj(o['spec'])['holderIdentity']) || '<unknown>', ageSince(o.metadata.creationTimestamp, now)],
};

/** Roles and ClusterRoles: Name and Created At (printRole, printClusterRole). */
export const rolePrinter: TableConvertor = {
  columns: [nameColumn, { name: 'Created At', type: 'date', format: '', description: creationTimestampDescription, priority: 0 }],
  cells: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? null],
};

/** RoleBindings and ClusterRoleBindings: Name, Role (`Kind/name`), Age, and the subjects with -o wide. */
export const roleBindingPrinter: TableConvertor = {
  columns: [
    nameColumn,
    column('Role', 'string', 'Role or ClusterRole the binding refers to.'),
    ageColumn,
    column('Users', 'string', 'Users in the roleBinding', 1),
    column('Groups', 'string', 'Groups in the roleBinding', 1),
    column('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', 1),
  ],
  cells: (o, now) => {
    const ref = obj(o['roleRef']);
    const subjects = arr(o['subjects']).map(obj);
    const of = (kind: string) =>
      subjects
        .filter((s) => s['kind'] === kind)
        .map((s) => (kind === 'ServiceAccount' ? `${str(s['namespace'])}/${str(s['name'])}` : str(s['name'])))
        .join(', ');
    return [o.metadata.name ?? '', `${str(ref['kind'])}/${str(ref['name'])}`, ageSince(o.metadata.creationTimestamp, now), of('User'), of('Group'), of('ServiceAccount')];
  },
};
