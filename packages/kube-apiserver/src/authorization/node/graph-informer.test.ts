// The informer behind the Node authorizer's graph (graph_populator.go's informers, plus the
// read-through of new-node-authorizer.ts): ordering races between a read-through list and the
// watch, driven step by step with a scripted store.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeList } from '@tlsboot/api';
import type { Store } from '../../registry/generic/store.js';
import type { WatchEvent, Watcher } from '../../storage/index.js';
import { Graph } from './graph.js';
import { SourceInformer } from './graph-informer.js';
import { graphSources } from './graph-populator.js';

const pods = graphSources.find((s) => s.resource === 'pods')!;
const pod = (name: string, rv: number, secret: string) => ({ metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: String(rv) }, spec: { nodeName: 'node0', volumes: [{ secret: { secretName: secret } }] } });

/** A store whose lists are answered by the test and whose one watch is fed by the test. */
function scriptedStore() {
  const lists: { resolve(l: KubeList): void }[] = [];
  const queue: WatchEvent[] = [];
  let wake: (() => void) | undefined;
  let stopped = false;
  const watcher = {
    closeReason: undefined,
    closed: new Promise(() => {}),
    stop() {
      stopped = true;
      wake?.();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<WatchEvent>> {
      while (queue.length === 0 && !stopped) await new Promise<void>((r) => (wake = r));
      if (stopped) return { done: true, value: undefined };
      return { done: false, value: queue.shift()! };
    },
    async return(): Promise<IteratorResult<WatchEvent>> {
      stopped = true;
      return { done: true, value: undefined };
    },
  } as unknown as Watcher;
  const store = {
    list: () => new Promise<KubeList>((resolve) => lists.push({ resolve })),
    watch: async () => watcher,
  } as unknown as Store;
  const list = (rv: number, items: object[]): KubeList => ({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(rv) }, items: items as KubeList['items'] });
  const push = (e: WatchEvent) => {
    queue.push(e);
    wake?.();
  };
  return { store, lists, list, push };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
const allowed = (g: Graph, secret: string) => g.hasPathFrom('node0', 'secret', 'ns', secret).found;

test('a read-through list that started before a watched delete does not bring the pod back', async () => {
  const s = scriptedStore();
  const g = new Graph();
  const informer = new SourceInformer(g, pods, s.store);
  const started = informer.start();
  s.lists[0]!.resolve(s.list(5, [pod('p', 5, 's1')]));
  await started;
  assert.ok(allowed(g, 's1'));
  const reading = informer.readThrough('node0'); // list #2 in flight
  await flush();
  s.push({ type: 'DELETED', object: pod('p', 7, 's1') as never });
  await flush();
  assert.not.ok(allowed(g, 's1'), 'the watch removed it');
  s.lists[1]!.resolve(s.list(6, [pod('p', 5, 's1')])); // the stale list still has it
  await reading;
  assert.not.ok(allowed(g, 's1'), 'the stale list did not resurrect it');
  await informer.stop();
});

test('a pod the read-through found gone is not brought back by a late watch event; a re-created one is', async () => {
  const s = scriptedStore();
  const g = new Graph();
  const informer = new SourceInformer(g, pods, s.store);
  const started = informer.start();
  s.lists[0]!.resolve(s.list(5, [pod('p', 5, 's1')]));
  await started;
  const reading = informer.readThrough('node0');
  await flush();
  s.lists[1]!.resolve(s.list(9, [])); // storage no longer has p at revision 9
  await reading;
  assert.not.ok(allowed(g, 's1'));
  s.push({ type: 'MODIFIED', object: pod('p', 6, 's1') as never }); // late, from before the deletion
  await flush();
  assert.not.ok(allowed(g, 's1'));
  s.push({ type: 'ADDED', object: { ...pod('p', 10, 's2'), metadata: { ...pod('p', 10, 's2').metadata, uid: 'uid-p2' } } as never });
  await flush();
  assert.ok(allowed(g, 's2'));
  await informer.stop();
});

test('a state older than the one known is ignored (list after watch)', async () => {
  const s = scriptedStore();
  const g = new Graph();
  const informer = new SourceInformer(g, pods, s.store);
  const started = informer.start();
  s.lists[0]!.resolve(s.list(5, []));
  await started;
  const reading = informer.readThrough('node0');
  await flush();
  s.push({ type: 'ADDED', object: pod('p', 8, 's-new') as never });
  await flush();
  s.lists[1]!.resolve(s.list(7, [{ ...pod('p', 6, 's-old'), metadata: { ...pod('p', 6, 's-old').metadata, uid: 'uid-old' } }]));
  await reading;
  assert.ok(allowed(g, 's-new'));
  assert.not.ok(allowed(g, 's-old'));
  await informer.stop();
});

test.run();
