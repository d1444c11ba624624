// @kubernetes/client-node 1.4 (the official JavaScript client) against a live tlsboot apiserver,
// loading the admin kubeconfig tlsboot writes: list namespaces, create a secret, watch secrets.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { buildKubeconfig, writeKubeconfig } from '@tlsboot/client';
import { startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer } from '@tlsboot/kube-apiserver';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

let server: ApiServer;
let dir: string;
let kc: KubeConfig;

test.before(async () => {
  server = await startApiServer({ clock: realClock });
  dir = await mkdtemp(join(tmpdir(), 'tlsboot-client-node-'));
  const admin = await server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  const path = join(dir, 'admin.kubeconfig');
  await writeKubeconfig(path, buildKubeconfig({ server: server.url, caPem: server.caPem, clientCertPem: admin.certPem, clientKeyPem: admin.keyPem, user: 'kubernetes-admin', cluster: 'tlsboot', context: 'admin' }));
  kc = new KubeConfig();
  kc.loadFromFile(path);
});

test.after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

test('CoreV1Api.listNamespace', async () => {
  const api = kc.makeApiClient(CoreV1Api);
  const list = await api.listNamespace();
  assert.equal(list.items.map((n) => n.metadata?.name), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  assert.is(list.items[0]?.status?.phase, 'Active');
  assert.match(list.metadata?.resourceVersion ?? '', /^\d+$/);
});

test('CoreV1Api.createNamespacedSecret and a Watch receiving the events', async () => {
  const api = kc.makeApiClient(CoreV1Api);
  const events: { type: string; name: string }[] = [];
  let notify: () => void = () => {};
  const watch = new Watch(kc);
  const rv = (await api.listNamespacedSecret({ namespace: 'default' })).metadata?.resourceVersion;
  const controller = await watch.watch(
    '/api/v1/namespaces/default/secrets',
    { resourceVersion: rv, allowWatchBookmarks: true },
    (type, obj) => {
      events.push({ type, name: obj?.metadata?.name });
      notify();
    },
    () => {},
  );
  const until = (n: number) =>
    new Promise<void>((resolve) => {
      notify = () => {
        if (events.length >= n) resolve();
      };
      notify();
    });
  const created = await api.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 'from-client-node' }, stringData: { a: 'b' } } });
  assert.is(created.metadata?.name, 'from-client-node');
  assert.is(created.data?.['a'], Buffer.from('b').toString('base64'));
  await until(1);
  await api.deleteNamespacedSecret({ namespace: 'default', name: 'from-client-node' });
  await until(2);
  controller.abort();
  assert.equal(events.slice(0, 2), [
    { type: 'ADDED', name: 'from-client-node' },
    { type: 'DELETED', name: 'from-client-node' },
  ]);
});

test.run();
