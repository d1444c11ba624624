// NamespaceLifecycle (plugin/pkg/admission/namespace/lifecycle/admission.go).
import { lookupResource } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AdmissionAttributes } from './interfaces.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';

const namespaces: Record<string, KubeObject> = {
  default: { metadata: { name: 'default' }, status: { phase: 'Active' } },
  going: { metadata: { name: 'going' }, status: { phase: 'Terminating' } },
};
const plugin = namespaceLifecycle(async (name) => namespaces[name]);
const user = { name: 'u', groups: [] };
const attrs = (operation: AdmissionAttributes['operation'], resource: string, namespace: string, name = 'x'): AdmissionAttributes => ({
  operation,
  resource: lookupResource(resource === 'selfsubjectaccessreviews' ? 'authorization.k8s.io' : '', 'v1', resource)!,
  subresource: '',
  namespace,
  name,
  user,
});
const outcome = async (a: AdmissionAttributes) => {
  try {
    await plugin.admit!(a);
    return 'ok';
  } catch (err) {
    return `${(err as { statusCode: number }).statusCode} ${(err as Error).message}`;
  }
};

test('creating in a namespace that is missing or terminating', async () => {
  assert.is(await outcome(attrs('CREATE', 'secrets', 'default')), 'ok');
  assert.is(await outcome(attrs('CREATE', 'secrets', 'ghost')), '404 namespaces "ghost" not found');
  assert.is(await outcome(attrs('CREATE', 'secrets', 'going')), '403 secrets "x" is forbidden: unable to create new content in namespace going because it is being terminated');
  assert.is(await outcome(attrs('UPDATE', 'secrets', 'going')), 'ok');
  assert.is(await outcome(attrs('DELETE', 'secrets', 'ghost')), 'ok');
});

test('cluster-scoped objects and namespaces themselves pass; immortal namespaces may not be deleted', async () => {
  assert.is(await outcome(attrs('CREATE', 'nodes', '')), 'ok');
  assert.is(await outcome(attrs('CREATE', 'namespaces', 'new', 'new')), 'ok');
  assert.is(await outcome(attrs('DELETE', 'namespaces', 'kube-system', 'kube-system')), '403 namespaces "kube-system" is forbidden: this namespace may not be deleted');
  assert.is(await outcome(attrs('DELETE', 'namespaces', 'kube-node-lease', 'kube-node-lease')), 'ok');
});

test.run();
