// The SIMULATED rules table: pkg/proxy/servicechangetracker.go, endpointslicecache.go (inputs as upstream reads them).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EndpointSlice, Service } from '@tlsboot/api';
import { buildRulesTable, diffRulesTables } from './rules-table.js';

const svc = (name: string, spec: Service['spec']): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'ns' }, spec });
const slice = (svcName: string | undefined, endpoints: EndpointSlice['endpoints']): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${svcName}-x`, namespace: 'ns', ...(svcName ? { labels: { 'kubernetes.io/service-name': svcName } } : {}) },
  addressType: 'IPv4',
  endpoints,
  ports: [{ name: 'p', port: 8080, protocol: 'TCP' }],
});

test('servicechangetracker.go: headless (None) and ExternalName services get no rule; ports are keyed ns/name:port', () => {
  const t = buildRulesTable(
    [
      svc('a', { clusterIP: '10.0.0.1', ports: [{ name: 'p', port: 80 }] }),
      svc('h', { clusterIP: 'None', ports: [{ name: 'p', port: 80 }] }),
      svc('e', { type: 'ExternalName', ports: [{ name: 'p', port: 80 }] }),
    ],
    [slice('a', [{ addresses: ['10.1.0.2'] }, { addresses: ['10.1.0.1'], conditions: { ready: true } }, { addresses: ['10.1.0.3'], conditions: { ready: false } }]), slice(undefined, [{ addresses: ['10.9.9.9'] }])],
  );
  assert.equal([...t.values()], [{ servicePortName: 'ns/a:p', frontends: ['10.0.0.1:80/TCP'], endpoints: ['10.1.0.1:8080', '10.1.0.2:8080'] }]);
});

test('diffRulesTables: add, update, delete in name order', () => {
  const before = buildRulesTable([svc('a', { clusterIP: '10.0.0.1', ports: [{ name: 'p', port: 80 }] }), svc('b', { clusterIP: '10.0.0.2', ports: [{ name: 'p', port: 80 }] })], []);
  const after = buildRulesTable([svc('a', { clusterIP: '10.0.0.1', ports: [{ name: 'p', port: 80 }] }), svc('c', { clusterIP: '10.0.0.3', ports: [{ name: 'p', port: 80 }] })], [slice('a', [{ addresses: ['10.1.0.1'] }])]);
  assert.equal(diffRulesTables(before, after).map((c) => [c.op, c.rule.servicePortName]), [['update', 'ns/a:p'], ['delete', 'ns/b:p'], ['add', 'ns/c:p']]);
});

test.run();
