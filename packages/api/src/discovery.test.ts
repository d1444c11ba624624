/**
 * Discovery documents as kube-apiserver v1.32 serves them and client-go 1.32 reads them
 * (reference/k8s-csr-kubelet.md §6.5; k8s.io/api/apidiscovery/v2/types.go).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  aggregatedDiscoveryMediaType,
  apiGroup,
  apiGroupDiscoveryList,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from './discovery.js';
import { resources } from './resources.js';

test('/api: APIVersions without apiVersion, serverAddressByClientCIDRs always present', () => {
  assert.is(JSON.stringify(apiVersions()), '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}');
  assert.is(
    JSON.stringify(apiVersions([{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }])),
    '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]}',
  );
});

test('/apis: APIGroupList, groups in priority order with preferred versions', () => {
  const list = apiGroupList();
  assert.is(list.kind, 'APIGroupList');
  assert.is(list.groups[0]!.name, 'events.k8s.io');
  const certs = list.groups.find((g) => g.name === 'certificates.k8s.io');
  assert.is(
    JSON.stringify(certs),
    '{"name":"certificates.k8s.io","versions":[{"groupVersion":"certificates.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"certificates.k8s.io/v1","version":"v1"}}',
  );
  assert.not.ok(list.groups.some((g) => g.name === ''));
});

test('/apis/<group>: APIGroup with kind and apiVersion; unknown or core group is undefined', () => {
  assert.is(
    JSON.stringify(apiGroup('coordination.k8s.io')),
    '{"kind":"APIGroup","apiVersion":"v1","name":"coordination.k8s.io","versions":[{"groupVersion":"coordination.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"coordination.k8s.io/v1","version":"v1"}}',
  );
  assert.is(apiGroup('apps'), undefined);
  assert.is(apiGroup(''), undefined);
});

test('/api/v1: resources sorted by path, subresources after their parent', () => {
  const list = apiResourceList('v1')!;
  assert.is(list.groupVersion, 'v1');
  assert.equal(
    list.resources.map((r) => r.name),
    [
      'configmaps',
      'endpoints',
      'events',
      'namespaces',
      'namespaces/finalize',
      'namespaces/status',
      'nodes',
      'nodes/proxy',
      'nodes/status',
      'pods',
      'pods/log',
      'pods/status',
      'secrets',
      'serviceaccounts',
      'serviceaccounts/token',
      'services',
      'services/status',
    ],
  );
  const json = (name: string) => JSON.stringify(list.resources.find((r) => r.name === name));
  assert.is(
    json('pods'),
    '{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"],"storageVersionHash":"xPOwRZ+Yhw8="}',
  );
  assert.is(json('pods/log'), '{"name":"pods/log","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]}');
  assert.is(
    json('serviceaccounts/token'),
    '{"name":"serviceaccounts/token","singularName":"","namespaced":true,"group":"authentication.k8s.io","version":"v1","kind":"TokenRequest","verbs":["create"]}',
  );
  assert.is(
    json('secrets'),
    '{"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"storageVersionHash":"S6u1pOWzb84="}',
  );
});

test('/apis/<group>/<version>: APIResourceList; unknown group-version is undefined', () => {
  const csr = apiResourceList('certificates.k8s.io/v1')!;
  assert.equal(csr.resources.map((r) => r.name), ['certificatesigningrequests', 'certificatesigningrequests/approval', 'certificatesigningrequests/status']);
  assert.equal(csr.resources[0]!.shortNames, ['csr']);
  const authz = apiResourceList('authorization.k8s.io/v1')!;
  assert.equal(authz.resources.map((r) => r.name), ['localsubjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews']);
  assert.is(
    JSON.stringify(authz.resources[0]),
    '{"name":"localsubjectaccessreviews","singularName":"localsubjectaccessreview","namespaced":true,"kind":"LocalSubjectAccessReview","verbs":["create"]}',
  );
  assert.is(
    JSON.stringify(authz.resources[1]),
    '{"name":"selfsubjectaccessreviews","singularName":"selfsubjectaccessreview","namespaced":false,"kind":"SelfSubjectAccessReview","verbs":["create"]}',
  );
  assert.is(apiResourceList('apps/v1'), undefined);
  assert.is(apiResourceList('certificates.k8s.io/v1beta1'), undefined);
});

test('aggregated /apis: the CSR entry as reference §6.5 shows it', () => {
  const doc = apiGroupDiscoveryList('/apis');
  assert.is(doc.kind, 'APIGroupDiscoveryList');
  assert.is(doc.apiVersion, 'apidiscovery.k8s.io/v2');
  assert.equal(
    doc.items.map((i) => i.metadata.name),
    ['events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'certificates.k8s.io', 'rbac.authorization.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io'],
  );
  const certs = doc.items.find((i) => i.metadata.name === 'certificates.k8s.io')!;
  assert.is(
    JSON.stringify(certs),
    '{"metadata":{"name":"certificates.k8s.io","creationTimestamp":null},"versions":[{"version":"v1","resources":[{"resource":"certificatesigningrequests","responseKind":{"group":"certificates.k8s.io","version":"v1","kind":"CertificateSigningRequest"},"scope":"Cluster","singularResource":"certificatesigningrequest","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["csr"],"subresources":[{"subresource":"approval","responseKind":{"group":"certificates.k8s.io","version":"v1","kind":"CertificateSigningRequest"},"verbs":["get","patch","update"]},{"subresource":"status","responseKind":{"group":"certificates.k8s.io","version":"v1","kind":"CertificateSigningRequest"},"verbs":["get","patch","update"]}]}],"freshness":"Current"}]}',
  );
  assert.ok(JSON.stringify(doc).startsWith('{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","metadata":{},"items":['));
});

test('aggregated /api: the core group alone, unnamed, every resource with a responseKind', () => {
  const doc = apiGroupDiscoveryList('/api');
  assert.is(doc.items.length, 1);
  assert.equal(doc.items[0]!.metadata, { creationTimestamp: null });
  const v1 = doc.items[0]!.versions![0]!;
  assert.is(v1.version, 'v1');
  assert.is(v1.freshness, 'Current');
  assert.equal(v1.resources!.map((r) => r.resource), ['configmaps', 'endpoints', 'events', 'namespaces', 'nodes', 'pods', 'secrets', 'serviceaccounts', 'services']);
  for (const r of v1.resources!) {
    assert.ok(r.responseKind, r.resource);
    for (const s of r.subresources ?? []) assert.ok(s.responseKind, `${r.resource}/${s.subresource}`);
  }
  const sa = v1.resources!.find((r) => r.resource === 'serviceaccounts')!;
  assert.equal(sa.subresources, [{ subresource: 'token', responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] }]);
  const ns = v1.resources!.find((r) => r.resource === 'namespaces')!;
  assert.is(ns.scope, 'Cluster');
  assert.equal(ns.subresources!.map((s) => s.subresource), ['finalize', 'status']);
  assert.equal(apiGroupDiscoveryList('/api', resources.filter((r) => r.group !== '')).items, []);
});

test('the aggregated media type client-go looks for', () => {
  assert.is(aggregatedDiscoveryMediaType, 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
});

test.run();
