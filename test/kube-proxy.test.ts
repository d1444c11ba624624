// kube-proxy against a live kube-apiserver over real mTLS, the article's way: a cfssl-made
// certificate CN=system:kube-proxy (O=k8s, OU=System), kube-proxy.kubeconfig by the four kubectl
// steps, and upstream's default ClusterRoleBinding system:node-proxier → User system:kube-proxy
// (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go). kube-proxy
// lists and watches as cmd/kube-proxy/app/server.go does; its rules table is SIMULATED.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EndpointSlice, Node, Service } from '@tlsboot/api';
import { RestClient, endpointSlices, nodes, services } from '@tlsboot/client';
import { startApiServer } from '@tlsboot/kube-apiserver';
import {
  defaultKubeProxyConfiguration,
  gencertKubeProxy,
  kubeProxyCsrJson,
  kubeProxyKubeconfig,
  proxyLabelSelector,
  startKubeProxy,
} from '@tlsboot/kube-proxy';
import type { KubeProxyTraceEvent } from '@tlsboot/kube-proxy';
import { VirtualClock, realClock } from '@tlsboot/util';

async function eventually<T>(what: string, get: () => T, check: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = realClock.nowMs() + timeoutMs;
  for (;;) {
    const v = get();
    if (check(v)) return v;
    if (realClock.nowMs() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await realClock.sleep(20);
  }
}

async function cluster() {
  const clock = new VirtualClock({ start: realClock.nowMs() });
  const server = await startApiServer({ clock });
  const adminCert = await server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  const admin = new RestClient({ server: server.url, ca: server.caPem, clientCert: adminCert.certPem, clientKey: adminCert.keyPem });
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1' },
    status: { addresses: [{ type: 'InternalIP', address: '172.27.0.11' }] },
  } as Node;
  // status is dropped on create (as upstream's node strategy does): the addresses go in through /status
  const created = await nodes<Node>(admin).create(node);
  await nodes<Node>(admin).updateStatus({ ...created, status: node.status } as Node);
  return { clock, server, admin };
}

const config = () => ({ ...defaultKubeProxyConfiguration(), hostnameOverride: 'node-1' });

test('kube-proxy (cmd/kube-proxy/app/server.go): cfssl certificate CN=system:kube-proxy → lists/watches; a Service + EndpointSlice appear in its simulated rules table', async () => {
  const { clock, server, admin } = await cluster();
  const made = await gencertKubeProxy({ ca: server.ca, now: clock.now() });
  assert.is(made.certificate.subject.commonName, 'system:kube-proxy');
  const kubeconfig = kubeProxyKubeconfig({ server: server.url, caPem: server.caPem, certPem: made.certPem, keyPem: made.keyPem });
  const events: KubeProxyTraceEvent[] = [];
  const proxy = await startKubeProxy({ config: config(), kubeconfig, clock, trace: { emit: (e) => void events.push(e) } });
  try {
    assert.is(proxy.nodeName, 'node-1');
    assert.equal(proxy.nodeIPs, ['172.27.0.11']);
    await proxy.waitForSync();
    assert.is(proxy.rules().size, 0);

    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }] },
    };
    await services<Service>(admin, 'default').create(svc);
    // a service another proxy owns (service.kubernetes.io/service-proxy-name) never reaches this one
    await services<Service>(admin, 'default').create({
      ...svc,
      metadata: { name: 'other', namespace: 'default', labels: { 'service.kubernetes.io/service-proxy-name': 'other-proxy' } },
      spec: { ...svc.spec, clusterIP: '10.96.0.21', clusterIPs: ['10.96.0.21'] },
    });
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }, { addresses: ['10.244.2.7'] }, { addresses: ['10.244.3.9'], conditions: { ready: false } }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    };
    await endpointSlices<EndpointSlice>(admin, 'default').create(slice);

    const rules = await eventually('the rule for default/web:http', () => proxy.rules(), (r) => (r.get('default/web:http')?.endpoints.length ?? 0) === 2);
    assert.equal(rules.get('default/web:http'), { servicePortName: 'default/web:http', frontends: ['10.96.0.20:80/TCP'], endpoints: ['10.244.1.5:8080', '10.244.2.7:8080'] });
    assert.equal([...rules.keys()], ['default/web:http']);

    const ruleEvents = events.filter((e) => e.type === 'kube-proxy.rule');
    assert.equal(ruleEvents.map((e) => e.type === 'kube-proxy.rule' && [e.op, e.endpoints.length, e.simulated]), [
      ['add', 0, true],
      ['update', 2, true],
    ]);
    assert.ok(!events.some((e) => e.type === 'kube-proxy.error'), JSON.stringify(events.filter((e) => e.type === 'kube-proxy.error')));

    await services<Service>(admin, 'default').delete('web');
    await eventually('the rule to go', () => proxy.rules(), (r) => r.size === 0);
    assert.is(events.at(-1)?.type === 'kube-proxy.rule' && events.at(-1)?.type, 'kube-proxy.rule');
  } finally {
    await proxy.stop();
    await admin.close();
    await server.close();
  }
});

test('kube-proxy with a certificate of another CN: every list is refused with the upstream 403 text', async () => {
  const { clock, server, admin } = await cluster();
  const made = await gencertKubeProxy({ ca: server.ca, now: clock.now(), csrJson: kubeProxyCsrJson.replace('system:kube-proxy', 'system:not-kube-proxy') });
  const kubeconfig = kubeProxyKubeconfig({ server: server.url, caPem: server.caPem, certPem: made.certPem, keyPem: made.keyPem });
  const events: KubeProxyTraceEvent[] = [];
  const starting = startKubeProxy({ config: config(), kubeconfig, clock, trace: { emit: (e) => void events.push(e) } });
  let proxy: Awaited<typeof starting> | undefined;
  void starting.then((p) => (proxy = p));
  try {
    // getNodeIPs backs off on the virtual clock (1 s, 2 s, 4 s, …) before assuming loopback
    while (!proxy) {
      await clock.advance(1000);
      await realClock.sleep(5);
    }
    const errors = () => events.flatMap((e) => (e.type === 'kube-proxy.error' ? [e.message] : []));
    assert.equal(errors().slice(0, 6), Array(6).fill('Failed to retrieve node info: nodes "node-1" is forbidden: User "system:not-kube-proxy" cannot get resource "nodes" in API group "" at the cluster scope'));
    const ips = events.find((e) => e.type === 'kube-proxy.node-ips');
    assert.ok(ips?.type === 'kube-proxy.node-ips' && !ips.found && ips.message?.startsWith("Can't determine this node's IP, assuming loopback"));
    const all = await eventually('list errors', errors, (m) => m.some((x) => x.includes('"services"')) && m.some((x) => x.includes('"endpointslices"')));
    assert.ok(all.some((m) => m.includes('services is forbidden: User "system:not-kube-proxy" cannot list resource "services" in API group "" at the cluster scope')), all.join('\n'));
    assert.ok(
      all.some((m) => m.includes('endpointslices.discovery.k8s.io is forbidden: User "system:not-kube-proxy" cannot list resource "endpointslices" in API group "discovery.k8s.io" at the cluster scope')),
      all.join('\n'),
    );
    assert.is(proxy.rules().size, 0);
  } finally {
    await proxy?.stop();
    await admin.close();
    await server.close();
  }
});

test('proxyLabelSelector is labels.Selector.String() of server.go\'s two DoesNotExist requirements (sorted by key)', () => {
  assert.is(proxyLabelSelector, '!service.kubernetes.io/headless,!service.kubernetes.io/service-proxy-name');
});

test.run();
