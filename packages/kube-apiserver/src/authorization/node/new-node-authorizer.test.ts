// The Node authorizer as the server builds it (pkg/kubeapiserver/authorizer/config.go with
// graph_populator.go's informers): the graph follows storage through watches, and a miss reads
// storage through before answering, so a pod written a moment ago is never missed.
import { resources } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { VirtualClock, systemRandom } from '@tlsboot/util';
import { setImmediate as tick } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ResourceRegistry } from '../../registry/registry.js';
import { MemoryStore } from '../../storage/index.js';
import type { Attributes } from '../interfaces.js';
import { nodeAuthorizer } from './new-node-authorizer.js';

const admin = { name: 'admin', groups: ['system:masters'] };
const node0 = { name: 'system:node:node0', groups: ['system:nodes'] };

function setup() {
  const clock = new VirtualClock({ start: new Date('2024-01-01T00:00:00Z') });
  const storage = new MemoryStore({ clock });
  const registry = new ResourceRegistry({ storage, clock, random: systemRandom() }, resources);
  const pods = registry.store('', 'pods');
  const pod = (name: string, nodeName: string, secret: string): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns' }, spec: { nodeName, volumes: [{ name: 'v', secret: { secretName: secret } }] } }) as KubeObject;
  return { storage, registry, pods, pod };
}

const getSecret = (name: string): Attributes => ({
  user: node0,
  verb: 'get',
  isResourceRequest: true,
  path: `/api/v1/namespaces/ns/secrets/${name}`,
  namespace: 'ns',
  apiGroup: '',
  apiVersion: 'v1',
  resource: 'secrets',
  subresource: '',
  name,
});

/** Lets the background watch loops drain what storage has handed them. */
const settle = async () => {
  for (let i = 0; i < 3; i++) await tick();
};

test('the first list is in the graph when the factory resolves (HasSynced)', async () => {
  const { pods, pod, registry, storage } = setup();
  await pods.create(pod('p', 'node0', 's1'), admin);
  const authz = await nodeAuthorizer({ registry }, { readThrough: false });
  assert.is((await authz.authorize(getSecret('s1'))).decision, 'Allow');
  storage.close();
  await authz.stop();
});

test('the watch adds and removes pods after the start', async () => {
  const { pods, pod, registry, storage } = setup();
  const authz = await nodeAuthorizer({ registry }, { readThrough: false });
  await pods.create(pod('p', 'node0', 's1'), admin);
  await settle();
  assert.is((await authz.authorize(getSecret('s1'))).decision, 'Allow');
  await pods.delete('ns', 'p');
  await settle();
  assert.equal(await authz.authorize(getSecret('s1')), { decision: 'NoOpinion', reason: "no relationship found between node 'node0' and this object" });
  storage.close();
  await authz.stop();
});

test('read-through: with the watch stopped, a pod created since is still found on the next decision', async () => {
  const { pods, pod, registry, storage } = setup();
  const authz = await nodeAuthorizer({ registry });
  await authz.stop();
  await pods.create(pod('p', 'node0', 's1'), admin);
  assert.is(authz.decider.authorize(getSecret('s1')).decision, 'NoOpinion', 'the graph alone has not seen it');
  assert.is((await authz.authorize(getSecret('s1'))).decision, 'Allow');
  // a pod bound to another node is not read through for node0
  await pods.create(pod('q', 'node1', 's2'), admin);
  assert.is((await authz.authorize(getSecret('s2'))).decision, 'NoOpinion');
  storage.close();
});

test('read-through also drops pods of the node that storage no longer has, and late watch events do not bring them back', async () => {
  const { pods, pod, registry, storage } = setup();
  await pods.create(pod('p', 'node0', 's1'), admin);
  const authz = await nodeAuthorizer({ registry });
  await authz.stop();
  await pods.delete('ns', 'p');
  assert.is((await authz.authorize(getSecret('s1'))).decision, 'Allow', 'the graph still has the deleted pod (upstream lags the same way)');
  // a miss on another object reads node0's pods through, which notices the deletion
  assert.is((await authz.authorize(getSecret('unrelated'))).decision, 'NoOpinion');
  assert.is((await authz.authorize(getSecret('s1'))).decision, 'NoOpinion');
  storage.close();
});

test('a watch that storage ends for being too slow is resumed from the last revision seen', async () => {
  const clock = new VirtualClock({ start: new Date('2024-01-01T00:00:00Z') });
  const storage = new MemoryStore({ clock, watcherBufferSize: 1 });
  const registry = new ResourceRegistry({ storage, clock, random: systemRandom() }, resources);
  const pods = registry.store('', 'pods');
  const authz = await nodeAuthorizer({ registry }, { readThrough: false });
  // five writes in one turn: the watcher's one-event buffer overflows and storage ends it
  const writes = [0, 1, 2, 3, 4].map((i) =>
    storage.create(pods.key('ns', `p${i}`), { metadata: { name: `p${i}`, namespace: 'ns', uid: `u${i}` }, spec: { nodeName: 'node0', volumes: [{ name: 'v', secret: { secretName: `s${i}` } }] } }),
  );
  await Promise.all(writes);
  await settle();
  for (let i = 0; i < 5; i++) assert.is((await authz.authorize(getSecret(`s${i}`))).decision, 'Allow', `s${i}`);
  storage.close();
  await authz.stop();
});

test('resources the server does not serve are not watched (PVs, volume attachments, resource slices)', async () => {
  const { registry, storage } = setup();
  const authz = await nodeAuthorizer({ registry });
  assert.is(authz.graph.size, 0);
  assert.is(storage.watcherCount, 1, 'pods only');
  storage.close();
  await authz.stop();
});

test.run();
