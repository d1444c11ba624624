// etcd key layout of kube-apiserver: SpecialDefaultResourcePrefixes from
// kubernetes/kubernetes pkg/kubeapiserver/default_storage_factory_builder.go, the registry key
// functions of staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
// (NamespaceKeyFunc, NoNamespaceKeyFunc) and path.IsValidPathSegmentName
// (staging/src/k8s.io/apimachinery/pkg/api/validation/path/name.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StorageBadRequestError } from './errors.js';
import { keyFor, prefixFor, resourcePrefix, resourcePrefixOfKey } from './keys.js';

test('cluster-scoped and namespaced keys as kube-apiserver writes them to etcd', () => {
  assert.is(keyFor('secrets', 'kube-system', 'bootstrap-token-abcdef'), '/registry/secrets/kube-system/bootstrap-token-abcdef');
  assert.is(keyFor('configmaps', 'kube-public', 'cluster-info'), '/registry/configmaps/kube-public/cluster-info');
  assert.is(keyFor('serviceaccounts', 'default', 'default'), '/registry/serviceaccounts/default/default');
  assert.is(keyFor('namespaces', undefined, 'default'), '/registry/namespaces/default');
  assert.is(keyFor('pods', 'default', 'p'), '/registry/pods/default/p');
  assert.is(keyFor('events', 'default', 'e.1'), '/registry/events/default/e.1');
});

test('special prefixes: nodes → minions, services → services/specs, endpoints, replicationcontrollers, ingresses', () => {
  assert.is(keyFor('nodes', undefined, 'node-1'), '/registry/minions/node-1');
  assert.is(keyFor('services', 'default', 'kubernetes'), '/registry/services/specs/default/kubernetes');
  assert.is(keyFor('endpoints', 'default', 'kubernetes'), '/registry/services/endpoints/default/kubernetes');
  assert.is(keyFor('replicationcontrollers', 'default', 'rc'), '/registry/controllers/default/rc');
  assert.is(keyFor('ingresses.networking.k8s.io', 'default', 'i'), '/registry/ingress/default/i');
  assert.is(keyFor({ group: 'extensions', resource: 'ingresses' }, 'default', 'i'), '/registry/ingress/default/i');
});

test('group resources: the plural alone for built-in groups, <group>/<resource> for apiextensions, apiregistration and CRs', () => {
  assert.is(keyFor('certificatesigningrequests.certificates.k8s.io', undefined, 'csr-x'), '/registry/certificatesigningrequests/csr-x');
  assert.is(keyFor('leases.coordination.k8s.io', 'kube-node-lease', 'node-1'), '/registry/leases/kube-node-lease/node-1');
  assert.is(keyFor('clusterroles.rbac.authorization.k8s.io', undefined, 'admin'), '/registry/clusterroles/admin');
  assert.is(keyFor('clusterrolebindings.rbac.authorization.k8s.io', undefined, 'x'), '/registry/clusterrolebindings/x');
  assert.is(keyFor('roles.rbac.authorization.k8s.io', 'kube-system', 'r'), '/registry/roles/kube-system/r');
  assert.is(keyFor('endpointslices.discovery.k8s.io', 'default', 'kubernetes'), '/registry/endpointslices/default/kubernetes');
  assert.is(keyFor({ group: 'apps', resource: 'deployments' }, 'default', 'd'), '/registry/deployments/default/d');
  assert.is(resourcePrefix('customresourcedefinitions.apiextensions.k8s.io'), 'apiextensions.k8s.io/customresourcedefinitions');
  assert.is(resourcePrefix('apiservices.apiregistration.k8s.io'), 'apiregistration.k8s.io/apiservices');
  assert.is(resourcePrefix('widgets.example.com'), 'example.com/widgets');
});

test('prefixFor: the collection prefix, with a trailing slash, per namespace or for all', () => {
  assert.is(prefixFor('secrets'), '/registry/secrets/');
  assert.is(prefixFor('secrets', 'default'), '/registry/secrets/default/');
  assert.is(prefixFor('nodes'), '/registry/minions/');
  assert.is(prefixFor('services', ''), '/registry/services/specs/');
});

test('bad names and namespaces → 400 with the registry wording', () => {
  const cases: [() => unknown, string][] = [
    [() => keyFor('secrets', 'default', ''), 'Name parameter required.'],
    [() => keyFor('secrets', 'default', 'a/b'), `Name parameter invalid: "a/b": may not contain '/'`],
    [() => keyFor('secrets', 'default', 'a%2/b'), `Name parameter invalid: "a%2/b": may not contain '/';may not contain '%'`],
    [() => keyFor('secrets', 'default', '..'), `Name parameter invalid: "..": may not be '..'`],
    [() => prefixFor('secrets', '.'), `Namespace parameter invalid: ".": may not be '.'`],
    [() => resourcePrefix(''), 'resource is empty'],
  ];
  for (const [f, message] of cases) {
    try {
      f();
      assert.unreachable(message);
    } catch (err) {
      assert.instance(err, StorageBadRequestError);
      assert.is((err as StorageBadRequestError).message, message);
      assert.is((err as StorageBadRequestError).status.code, 400);
    }
  }
});

test('resourcePrefixOfKey: the resource a key belongs to, from the key alone', () => {
  assert.is(resourcePrefixOfKey('/registry/secrets/default/a'), '/registry/secrets/');
  assert.is(resourcePrefixOfKey('/registry/minions/node-1'), '/registry/minions/');
  assert.is(resourcePrefixOfKey('/registry/services/specs/default/kubernetes'), '/registry/services/specs/');
  assert.is(resourcePrefixOfKey('/registry/services/endpoints/default/kubernetes'), '/registry/services/endpoints/');
  assert.is(resourcePrefixOfKey('/registry/example.com/widgets/ns/w'), '/registry/example.com/widgets/');
  assert.is(resourcePrefixOfKey('/other/x'), '/other/');
  // Every key made by keyFor lies under its resource prefix.
  for (const r of ['nodes', 'services', 'endpoints', 'leases.coordination.k8s.io', 'widgets.example.com']) {
    const k = keyFor(r, 'ns', 'n');
    assert.ok(k.startsWith(resourcePrefixOfKey(k)), k);
    assert.is(resourcePrefixOfKey(k), `/registry/${resourcePrefix(r)}/`);
  }
});

test.run();
