/** Lookups over the resource table; etcd keys as kube-apiserver lays them out (`/registry/minions/<node>`). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  apiGroupNames,
  apiGroupVersions,
  groupResourceOf,
  lookupResource,
  lookupResourceByKind,
  registryKey,
  registryPrefix,
  resolveResource,
} from './resource-lookup.js';
import { resources } from './resources.js';

const get = (group: string, resource: string) => {
  const r = lookupResource(group, 'v1', resource);
  if (!r) throw new Error(`${resource}.${group} missing`);
  return r;
};

test('etcd keys as kube-apiserver lays them out', () => {
  assert.is(registryKey(get('', 'nodes'), '', 'node-1'), '/registry/minions/node-1');
  assert.is(registryKey(get('', 'services'), 'default', 'kubernetes'), '/registry/services/specs/default/kubernetes');
  assert.is(registryKey(get('', 'endpoints'), 'default', 'kubernetes'), '/registry/services/endpoints/default/kubernetes');
  assert.is(registryKey(get('certificates.k8s.io', 'certificatesigningrequests'), '', 'csr-1'), '/registry/certificatesigningrequests/csr-1');
  assert.is(registryKey(get('', 'secrets'), 'kube-system', 's'), '/registry/secrets/kube-system/s');
  assert.is(registryKey(get('events.k8s.io', 'events'), 'default', 'e'), registryKey(get('', 'events'), 'default', 'e'));
  assert.is(registryKey(get('authentication.k8s.io', 'tokenreviews'), '', 'x'), undefined);
  assert.is(registryPrefix(get('', 'secrets')), '/registry/secrets/');
  assert.is(registryPrefix(get('', 'secrets'), 'default'), '/registry/secrets/default/');
  assert.is(registryPrefix(get('', 'nodes'), 'ignored'), '/registry/minions/');
  assert.is(registryPrefix(get('authentication.k8s.io', 'tokenreviews')), undefined);
});

test('groups in discovery order; lookups', () => {
  assert.equal(apiGroupNames(), [
    'events.k8s.io',
    'authentication.k8s.io',
    'authorization.k8s.io',
    'certificates.k8s.io',
    'rbac.authorization.k8s.io',
    'coordination.k8s.io',
    'discovery.k8s.io',
  ]);
  assert.equal(apiGroupNames([...resources, { ...get('', 'pods'), group: 'apps.example.com' }]).at(-1), 'apps.example.com');
  assert.equal(apiGroupVersions('certificates.k8s.io'), ['v1']);
  assert.equal(apiGroupVersions('nope'), []);
  assert.is(lookupResource('', 'v2', 'pods'), undefined);
  assert.is(lookupResourceByKind({ group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest' })?.resource, 'certificatesigningrequests');
  assert.is(lookupResourceByKind({ group: '', version: 'v1', kind: 'Event' })?.group, '');
  assert.equal(groupResourceOf(get('rbac.authorization.k8s.io', 'roles')), { group: 'rbac.authorization.k8s.io', resource: 'roles' });
});

test('resolveResource: plural, singular, short name, Kind, name.group', () => {
  const names = (typed: string) => resolveResource(typed).map((r) => `${r.resource}.${r.group}`);
  assert.equal(names('csr'), ['certificatesigningrequests.certificates.k8s.io']);
  assert.equal(names('CertificateSigningRequest'), ['certificatesigningrequests.certificates.k8s.io']);
  assert.equal(names('secret'), ['secrets.']);
  assert.equal(names('ev'), ['events.', 'events.events.k8s.io']);
  assert.equal(names('events.events.k8s.io'), ['events.events.k8s.io']);
  assert.equal(names('roles.rbac.authorization.k8s.io'), ['roles.rbac.authorization.k8s.io']);
  assert.equal(names('deployments'), []);
});

test.run();
