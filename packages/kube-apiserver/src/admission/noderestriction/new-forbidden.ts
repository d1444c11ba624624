/**
 * admission.NewForbidden (kubernetes/kubernetes: staging/src/k8s.io/apiserver/pkg/admission/
 * errors.go): an admission refusal as a 403 `<resource>.<group> "<name>" is forbidden: <msg>`,
 * where the name is the request's, else the object's name or generateName, else "Unknown"
 * (so a node's CSR with generateName `csr-` is refused as `... "csr-" is forbidden: ...`). An
 * error that is already Forbidden is returned as it is.
 */
import { isStatusError, newForbidden } from '@tlsboot/api';
import type { StatusError } from '@tlsboot/api';
import type { AdmissionAttributes } from '../interfaces.js';

function resourceName(a: AdmissionAttributes): string {
  if (a.name !== '') return a.name;
  const meta = a.object?.metadata;
  if (meta?.name) return meta.name;
  if (meta?.generateName) return meta.generateName;
  return 'Unknown';
}

export function admissionForbidden(a: AdmissionAttributes, err: string | StatusError): StatusError {
  if (typeof err !== 'string' && isStatusError(err) && err.status.reason === 'Forbidden') return err;
  const message = typeof err === 'string' ? err : err.status.message ?? '';
  return newForbidden({ group: a.resource.group, resource: a.resource.resource }, resourceName(a), message);
}
