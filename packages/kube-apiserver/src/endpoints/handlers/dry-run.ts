/**
 * The `dryRun` query parameter of writes (metav1 CreateOptions/UpdateOptions/PatchOptions/
 * DeleteOptions, apimachinery validation ValidateDryRun): only `All` is supported; the request
 * is processed in full (admission, validation) and nothing is stored.
 */
import { fieldNotSupported, newFieldPath, newInvalid } from '@tlsboot/api';

export function parseDryRun(query: URLSearchParams, optionsKind: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions'): boolean {
  const values = query.getAll('dryRun');
  if (values.length === 0) return false;
  if (values.some((v) => v !== 'All')) {
    throw newInvalid({ group: 'meta.k8s.io', kind: optionsKind }, '', [fieldNotSupported(newFieldPath('dryRun'), values, ['All'])]);
  }
  return true;
}
