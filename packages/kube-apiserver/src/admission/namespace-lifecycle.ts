/**
 * The NamespaceLifecycle admission plugin (k/k plugin/pkg/admission/namespace/lifecycle/
 * admission.go): objects may not be created in a namespace that does not exist (404
 * `namespaces "x" not found`) or is terminating (403 `unable to create new content in namespace x
 * because it is being terminated`), and the immortal namespaces default, kube-system and
 * kube-public may not be deleted (403 `this namespace may not be deleted`). Deletes of other
 * objects and the access reviews are always allowed.
 */
import { groupResourceOf, newForbidden, newNotFound } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import type { AdmissionAttributes, AdmissionPlugin } from './interfaces.js';

export const immortalNamespaces: readonly string[] = ['default', 'kube-system', 'kube-public'];

const accessReviews = new Set(['localsubjectaccessreviews', 'subjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews']);

export function namespaceLifecycle(getNamespace: (name: string) => Promise<KubeObject | undefined>): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    async admit(a: AdmissionAttributes): Promise<void> {
      const isNamespace = a.resource.group === '' && a.resource.resource === 'namespaces';
      if (a.namespace === '' || isNamespace) {
        if (isNamespace && a.operation === 'DELETE' && immortalNamespaces.includes(a.name)) {
          throw newForbidden(groupResourceOf(a.resource), a.name, 'this namespace may not be deleted');
        }
        return;
      }
      if (a.operation === 'DELETE') return;
      if (a.resource.group === 'authorization.k8s.io' && accessReviews.has(a.resource.resource)) return;
      const ns = await getNamespace(a.namespace);
      if (ns === undefined) throw newNotFound({ group: '', resource: 'namespaces' }, a.namespace);
      if (a.operation === 'CREATE' && (ns['status'] as { phase?: string } | undefined)?.phase === 'Terminating') {
        const err = newForbidden(groupResourceOf(a.resource), a.name, `unable to create new content in namespace ${a.namespace} because it is being terminated`);
        const details = (err.status.details ??= {});
        details.causes = [...(details.causes ?? []), { reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' }];
        throw err;
      }
    },
  };
}
