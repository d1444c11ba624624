/**
 * storeerr (k8s.io/apiserver/pkg/storage/errors/storage.go): storage errors as API errors.
 * KeyNotFound → 404 NotFound, KeyExists → 409 AlreadyExists, conflicts and failed preconditions →
 * 409 Conflict carrying the storage error's text, Status errors raised inside storage (410
 * Expired, 504 too-large resourceVersion, 400 bad continue token) as they are; an invalid
 * resourceVersion → 400 on reads (etcd3 ValidateListOptions: `invalid resource version: …`) and
 * 422 on watches (InterpretWatchError). Anything else passes through (→ 500).
 */
import { newAlreadyExists, newBadRequest, newConflict, newInvalid, newNotFound, fieldInvalid, newFieldPath, statusErrorFromStatus } from '@tlsboot/api';
import type { GroupResource, Status } from '@tlsboot/api';
import { InvalidError, StorageStatusError, isInvalidObj, isKeyExists, isKeyNotFound, isResourceVersionConflict } from '../../storage/index.js';

export type StorageOperation = 'get' | 'list' | 'watch' | 'create' | 'update' | 'delete';

export function interpretStorageError(err: unknown, gr: GroupResource, name: string, op: StorageOperation): unknown {
  if (err instanceof StorageStatusError) return statusErrorFromStatus(err.status as unknown as Status);
  if (isKeyNotFound(err)) return newNotFound(gr, name);
  if (isKeyExists(err)) return op === 'create' ? newAlreadyExists(gr, name) : newConflict(gr, name, err);
  if (isResourceVersionConflict(err) || isInvalidObj(err)) return newConflict(gr, name, err);
  if (err instanceof InvalidError) {
    if (op === 'watch') {
      return newInvalid({ group: gr.group, kind: gr.resource }, name, err.errs.map((e) => fieldInvalid(newFieldPath(e.field), e.badValue, e.detail)));
    }
    return newBadRequest(`invalid resource version: ${err.message}`);
  }
  return err;
}
