/** k8s.io/apimachinery/pkg/runtime/schema/group_version.go String() forms and ParseGroupVersion. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import {
  groupKindString,
  groupResourceString,
  groupVersionKindOf,
  groupVersionKindString,
  groupVersionResourceString,
  groupVersionString,
  parseGroupVersion,
} from './meta.js';
import type { KubeList, KubeObject, WatchEvent } from './meta.js';

test('GroupResource.String(): resource for core, resource.group otherwise', () => {
  assert.is(groupResourceString({ group: '', resource: 'secrets' }), 'secrets');
  assert.is(
    groupResourceString({ group: 'certificates.k8s.io', resource: 'certificatesigningrequests' }),
    'certificatesigningrequests.certificates.k8s.io',
  );
});

test('GroupKind.String(): Kind for core, Kind.group otherwise', () => {
  assert.is(groupKindString({ group: '', kind: 'Secret' }), 'Secret');
  assert.is(groupKindString({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }), 'ClusterRoleBinding.rbac.authorization.k8s.io');
});

test('GroupVersion / GVK / GVR String()', () => {
  assert.is(groupVersionString({ group: '', version: 'v1' }), 'v1');
  assert.is(groupVersionString({ group: 'coordination.k8s.io', version: 'v1' }), 'coordination.k8s.io/v1');
  assert.is(groupVersionKindString({ group: '', version: 'v1', kind: 'Event' }), '/v1, Kind=Event');
  assert.is(groupVersionResourceString({ group: '', version: 'v1', resource: 'pods' }), '/v1, Resource=pods');
});

test('ParseGroupVersion: core, named, empty, and too many slashes', () => {
  assert.equal(parseGroupVersion('v1'), { group: '', version: 'v1' });
  assert.equal(parseGroupVersion('certificates.k8s.io/v1'), { group: 'certificates.k8s.io', version: 'v1' });
  assert.equal(parseGroupVersion(''), { group: '', version: '' });
  assert.equal(parseGroupVersion('/'), { group: '', version: '' });
  try {
    parseGroupVersion('a/b/c');
    assert.unreachable();
  } catch (err) {
    assert.ok(isTlsbootError(err, 'GROUP_VERSION_INVALID'));
    assert.is((err as Error).message, 'unexpected GroupVersion string: a/b/c');
  }
});

test('FromAPIVersionAndKind keeps only the kind of an unparsable apiVersion', () => {
  assert.equal(groupVersionKindOf('rbac.authorization.k8s.io/v1', 'Role'), { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role' });
  assert.equal(groupVersionKindOf('a/b/c', 'Role'), { group: '', version: '', kind: 'Role' });
});

test('types: a list and watch events of KubeObjects type-check and narrow on ERROR', () => {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'Opaque' };
  const list: KubeList = { apiVersion: 'v1', kind: 'SecretList', metadata: { resourceVersion: '7' }, items: [obj] };
  const events: WatchEvent[] = [
    { type: 'ADDED', object: obj },
    { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Expired', code: 410 } },
  ];
  const codes = events.map((e) => (e.type === 'ERROR' ? e.object.code : e.object.metadata.name));
  assert.equal(codes, ['s', 410]);
  assert.is(list.items[0]!.type, 'Opaque');
});

test.run();
