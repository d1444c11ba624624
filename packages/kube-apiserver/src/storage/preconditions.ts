/**
 * storage.Preconditions.Check (kubernetes/kubernetes:
 * staging/src/k8s.io/apiserver/pkg/storage/interfaces.go): a mismatch is an InvalidObj storage
 * error whose inner message is `Precondition failed: UID in precondition: <p>, UID in object
 * meta: <o>` (or the ResourceVersion variant); the registry answers it with 409 Conflict.
 */
import { newInvalidObjError } from './errors.js';
import type { Preconditions, StoredObject } from './interfaces.js';

export function checkPreconditions(key: string, preconditions: Preconditions | undefined, obj: Readonly<StoredObject>): void {
  if (preconditions === undefined) return;
  const uid = obj.metadata.uid ?? '';
  if (preconditions.uid !== undefined && preconditions.uid !== uid) {
    throw newInvalidObjError(key, `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${uid}`);
  }
  const rv = obj.metadata.resourceVersion ?? '';
  if (preconditions.resourceVersion !== undefined && preconditions.resourceVersion !== rv) {
    throw newInvalidObjError(
      key,
      `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${rv}`,
    );
  }
}
