/**
 * Field-label conversion (k/k pkg/apis/core/v1/conversion.go, pkg/apis/certificates/v1) and the
 * field sets of the registries' GetAttrs (pod, node, namespace, secret, event, CSR strategies).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import { parseFieldSelector } from './fields.js';
import { lookupResource } from './resource-lookup.js';
import { convertFieldLabel, convertFieldSelector, selectableFields } from './selectable-fields.js';

const info = (group: string, resource: string) => lookupResource(group, 'v1', resource)!;

test('convertFieldLabel: supported labels pass, aliases rename, others are refused', () => {
  assert.is(convertFieldLabel(info('', 'pods'), 'spec.nodeName'), 'spec.nodeName');
  assert.is(convertFieldLabel(info('', 'pods'), 'spec.host'), 'spec.nodeName');
  assert.is(convertFieldLabel(info('certificates.k8s.io', 'certificatesigningrequests'), 'spec.signerName'), 'spec.signerName');
  assert.is(convertFieldLabel(info('', 'secrets'), 'type'), 'type');
  assert.is(convertFieldLabel(info('coordination.k8s.io', 'leases'), 'metadata.namespace'), 'metadata.namespace');
  for (const [group, resource, label] of [
    ['', 'secrets', 'spec.x'],
    ['', 'nodes', 'metadata.namespace'],
    ['', 'namespaces', 'metadata.namespace'],
    ['certificates.k8s.io', 'certificatesigningrequests', 'metadata.namespace'],
    ['', 'pods', 'toString'],
  ] as const) {
    try {
      convertFieldLabel(info(group, resource), label);
      assert.unreachable(label);
    } catch (err) {
      assert.ok(isTlsbootError(err, 'FIELD_LABEL_NOT_SUPPORTED'), label);
      assert.is((err as Error).message, `field label not supported: ${label}`);
    }
  }
});

test('convertFieldSelector: the selector a kubelet sends for its own pods', () => {
  const s = convertFieldSelector(info('', 'pods'), parseFieldSelector('spec.host=node-1'));
  assert.is(s.toString(), 'spec.nodeName=node-1');
  assert.throws(() => convertFieldSelector(info('', 'secrets'), parseFieldSelector('foo=bar')), /field label not supported: foo/);
});

test('pods: spec and status fields, first pod IP, hostNetwork as a bool string', () => {
  const pod = {
    metadata: { name: 'p', namespace: 'default' },
    spec: { nodeName: 'node-1', restartPolicy: 'Always', serviceAccountName: 'default', hostNetwork: true },
    status: { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }] },
  };
  const f = selectableFields(info('', 'pods'), pod);
  assert.equal(f, {
    'metadata.name': 'p',
    'metadata.namespace': 'default',
    'spec.nodeName': 'node-1',
    'spec.restartPolicy': 'Always',
    'spec.schedulerName': '',
    'spec.serviceAccountName': 'default',
    'spec.hostNetwork': 'true',
    'status.phase': 'Running',
    'status.podIP': '10.0.0.5',
    'status.nominatedNodeName': '',
  });
  assert.ok(parseFieldSelector('spec.nodeName=node-1,status.phase!=Failed').matches(f));
  assert.is(selectableFields(info('', 'pods'), { metadata: { name: 'q' } })['spec.hostNetwork'], 'false');
});

test('cluster-scoped objects have no metadata.namespace field', () => {
  const csr = { metadata: { name: 'csr-1' }, spec: { signerName: 'kubernetes.io/kube-apiserver-client-kubelet' } };
  assert.equal(selectableFields(info('certificates.k8s.io', 'certificatesigningrequests'), csr), {
    'metadata.name': 'csr-1',
    'spec.signerName': 'kubernetes.io/kube-apiserver-client-kubelet',
  });
  assert.equal(selectableFields(info('', 'nodes'), { metadata: { name: 'n' }, spec: { unschedulable: true } }), { 'metadata.name': 'n', 'spec.unschedulable': 'true' });
  assert.equal(selectableFields(info('', 'namespaces'), { metadata: { name: 'ns' }, status: { phase: 'Active' } }), { 'metadata.name': 'ns', 'status.phase': 'Active' });
});

test('secrets, services, other resources', () => {
  assert.is(selectableFields(info('', 'secrets'), { metadata: { name: 's', namespace: 'kube-system' }, type: 'bootstrap.kubernetes.io/token' })['type'], 'bootstrap.kubernetes.io/token');
  assert.equal(selectableFields(info('', 'services'), { metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1', type: 'ClusterIP' } }), {
    'metadata.name': 'kubernetes',
    'metadata.namespace': 'default',
    'spec.clusterIP': '10.96.0.1',
    'spec.type': 'ClusterIP',
  });
  assert.equal(selectableFields(info('coordination.k8s.io', 'leases'), { metadata: { name: 'node-1', namespace: 'kube-node-lease' } }), {
    'metadata.name': 'node-1',
    'metadata.namespace': 'kube-node-lease',
  });
});

test('events: core v1 and events.k8s.io/v1 spellings give the same fields', () => {
  const core = {
    metadata: { name: 'e', namespace: 'default' },
    involvedObject: { kind: 'Node', name: 'node-1', uid: 'u1' },
    reason: 'Starting',
    type: 'Normal',
    source: { component: 'kubelet' },
    reportingComponent: 'kubelet',
  };
  const v1 = {
    metadata: { name: 'e', namespace: 'default' },
    regarding: { kind: 'Node', name: 'node-1', uid: 'u1' },
    reason: 'Starting',
    type: 'Normal',
    deprecatedSource: { component: 'kubelet' },
    reportingController: 'kubelet',
  };
  const a = selectableFields(info('', 'events'), core);
  assert.equal(selectableFields(lookupResource('events.k8s.io', 'v1', 'events')!, v1), a);
  assert.is(a['involvedObject.kind'], 'Node');
  assert.is(a['source'], 'kubelet');
  assert.is(selectableFields(info('', 'events'), { metadata: { name: 'x' }, reportingComponent: 'kcm' })['source'], 'kcm');
});

test.run();
