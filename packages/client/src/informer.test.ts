// The reflector and informer (client-go tools/cache/reflector.go, shared_informer.go) against a
// small fake apiserver: paged LIST, WATCH from the list's version, handlers, re-watch when a
// stream ends, re-list after 410 Expired, stop().
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '@tlsboot/api';
import { SeededRandom, VirtualClock } from '@tlsboot/util';
import { Informer, metaNamespaceKey, newInformer } from './informer.js';
import { RestClient } from './rest-client.js';
import { fixtures, sendJSON, startTestServer } from './test-server.js';
import type { RecordedRequest, TestServer } from './test-server.js';

type Obj = KubeObject;

/** An apiserver for one collection: a store, one resourceVersion counter, an event history. */
class FakeCollection {
  rv = 0;
  objects = new Map<string, Obj>();
  history: Array<{ type: string; object: Obj; rv: number }> = [];
  /** Events older than this are compacted: watching from before it gives 410. */
  oldest = 0;
  /** Answer the next LIST that names a specific resourceVersion with 410. */
  expireNextVersionedList = false;
  watchers = new Set<{ from: number; res: ServerResponse }>();

  write(type: 'ADDED' | 'MODIFIED' | 'DELETED', name: string, data = ''): void {
    this.rv++;
    const object: Obj = { kind: 'Secret', apiVersion: 'v1', metadata: { name, namespace: 'default', resourceVersion: String(this.rv) }, data: { v: data } };
    if (type === 'DELETED') this.objects.delete(name);
    else this.objects.set(name, object);
    this.history.push({ type, object, rv: this.rv });
    for (const w of this.watchers) w.res.write(`${JSON.stringify({ type, object })}\n`);
  }

  /** Ends every open watch stream, as a server-side timeout does. */
  endWatches(): void {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }

  handle = (req: RecordedRequest, res: ServerResponse): void => {
    const q = req.query;
    if (q.get('watch') === 'true') {
      const from = Number(q.get('resourceVersion') ?? '0');
      res.writeHead(200, { 'content-type': 'application/json' });
      if (from < this.oldest) {
        const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${from} (${this.oldest})`, reason: 'Expired', code: 410 };
        res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
        return;
      }
      for (const e of this.history) if (e.rv > from) res.write(`${JSON.stringify({ type: e.type, object: e.object })}\n`);
      const w = { from, res };
      this.watchers.add(w);
      res.on('close', () => this.watchers.delete(w));
      return;
    }
    const rvParam = q.get('resourceVersion');
    if (this.expireNextVersionedList && rvParam && rvParam !== '0') {
      this.expireNextVersionedList = false;
      sendJSON(res, 410, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'The resourceVersion for the provided list is too old.', reason: 'Expired', code: 410 });
      return;
    }
    const all = [...this.objects.values()].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const limit = Number(q.get('limit') ?? '0');
    const start = Number(q.get('continue') ?? '0');
    const items = limit > 0 ? all.slice(start, start + limit) : all.slice(start);
    const next = limit > 0 && start + limit < all.length ? String(start + limit) : undefined;
    sendJSON(res, 200, { kind: 'SecretList', apiVersion: 'v1', metadata: { resourceVersion: String(this.rv), ...(next ? { continue: next } : {}) }, items });
  };
}

interface Setup {
  fake: FakeCollection;
  server: TestServer;
  client: RestClient;
  clock: VirtualClock;
  informer: Informer;
  log: string[];
  errors: unknown[];
}

async function setup(extra: { minWatchTimeoutMs?: number } = {}): Promise<Setup> {
  const fake = new FakeCollection();
  for (const name of ['a', 'b', 'c']) fake.write('ADDED', name);
  const server = await startTestServer(fake.handle);
  const client = new RestClient({ server: server.url, ca: fixtures.ca });
  const clock = new VirtualClock();
  const errors: unknown[] = [];
  const informer = newInformer(client, '/api/v1/namespaces/default/secrets', {
    clock,
    random: new SeededRandom('informer'),
    pageSize: 2,
    name: 'secrets',
    onError: (err) => errors.push(err),
    ...extra,
  });
  const log: string[] = [];
  informer.addEventHandler({
    onAdd: (o, initial) => log.push(`add ${metaNamespaceKey(o)}${initial ? ' (initial)' : ''}`),
    onUpdate: (_old, o) => log.push(`update ${metaNamespaceKey(o)} rv=${o.metadata.resourceVersion}`),
    onDelete: (o) => log.push(`delete ${metaNamespaceKey(o)}`),
  });
  return { fake, server, client, clock, informer, log, errors };
}

async function teardown(s: Setup): Promise<void> {
  await s.informer.stop();
  await s.client.close();
  await s.server.close();
}

/** Lets I/O and the virtual clock move until `cond` holds. */
async function eventually(s: Setup, cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await s.clock.runAll();
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`timed out waiting for ${what}; log: ${s.log.join(', ')}; errors: ${s.errors.map(String).join(', ')}`);
}

const watches = (s: Setup): RecordedRequest[] => s.server.requests.filter((r) => r.query.get('watch') === 'true');
const lists = (s: Setup): RecordedRequest[] => s.server.requests.filter((r) => r.query.get('watch') !== 'true');

test('paged initial list (resourceVersion=0, limit, continue), onAdd with isInInitialList, then a watch from the list version', async () => {
  const s = await setup();
  try {
    s.informer.start();
    await s.informer.waitForSync();
    assert.ok(s.informer.hasSynced());
    assert.equal(s.log, ['add default/a (initial)', 'add default/b (initial)', 'add default/c (initial)']);
    assert.equal(lists(s).map((r) => r.query.toString()), ['limit=2&resourceVersion=0', 'continue=2&limit=2']);
    assert.equal(s.informer.listKeys().sort(), ['default/a', 'default/b', 'default/c']);
    await eventually(s, () => watches(s).length === 1 && s.fake.watchers.size === 1, 'the watch');
    const w = watches(s)[0]!.query;
    assert.is(w.get('resourceVersion'), '3');
    assert.is(w.get('allowWatchBookmarks'), 'true');
    const timeout = Number(w.get('timeoutSeconds'));
    assert.ok(timeout >= 300 && timeout < 600, `timeoutSeconds=${timeout}`);
    assert.is(s.informer.lastSyncResourceVersion, '3');
  } finally {
    await teardown(s);
  }
});

test('reflector.go MinWatchTimeout: the watch timeout is drawn from [min, 2·min); values below 5m are not honoured', async () => {
  for (const [minWatchTimeoutMs, low] of [
    [60_000, 300],
    [24 * 3600_000, 86_400],
  ] as const) {
    const s = await setup({ minWatchTimeoutMs });
    try {
      s.informer.start();
      await eventually(s, () => watches(s).length === 1, 'the watch');
      const timeout = Number(watches(s)[0]!.query.get('timeoutSeconds'));
      assert.ok(timeout >= low && timeout < 2 * low, `minWatchTimeout ${minWatchTimeoutMs} ms: timeoutSeconds=${timeout}`);
    } finally {
      await teardown(s);
    }
  }
});

test('watch events reach the cache and the handlers; a stream that ends is watched again from the last version', async () => {
  const s = await setup();
  try {
    s.informer.start();
    await eventually(s, () => s.fake.watchers.size === 1, 'the watch');
    s.log.length = 0;
    s.fake.write('MODIFIED', 'a', 'x');
    s.fake.write('ADDED', 'd');
    s.fake.write('DELETED', 'b');
    await eventually(s, () => s.log.length === 3, 'three events');
    assert.equal(s.log, ['update default/a rv=4', 'add default/d', 'delete default/b']);
    assert.equal(s.informer.listKeys().sort(), ['default/a', 'default/c', 'default/d']);
    assert.equal(s.informer.get('default/a')?.['data'], { v: 'x' });
    s.fake.endWatches();
    await eventually(s, () => watches(s).length === 2 && s.fake.watchers.size === 1, 'the second watch');
    assert.is(watches(s)[1]!.query.get('resourceVersion'), '6');
    assert.is(lists(s).length, 2, 'no relist after a clean end');
    s.fake.write('ADDED', 'e');
    await eventually(s, () => s.log.includes('add default/e'), 'the event on the new watch');
  } finally {
    await teardown(s);
  }
});

test('410 Expired on the watch: back off, list again at the last version, deliver the difference, watch again', async () => {
  const s = await setup();
  try {
    s.informer.start();
    await eventually(s, () => s.fake.watchers.size === 1, 'the watch');
    // The server's timeout ends the watch after five minutes (a watch that ends within a second
    // without events would count as a failure).
    await s.clock.advance(5 * 60_000);
    s.fake.endWatches();
    // While the informer reconnects, history is compacted past its version and things change.
    s.fake.write('DELETED', 'a');
    s.fake.write('MODIFIED', 'b', 'y');
    s.fake.write('ADDED', 'z');
    s.fake.oldest = s.fake.rv;
    s.log.length = 0;
    await eventually(s, () => lists(s).length >= 3 && s.fake.watchers.size === 1, 'the relist and a new watch');
    // The watch from rv=3 got ERROR 410; the relist asked for the last version seen.
    const relist = lists(s)[2]!.query;
    assert.is(relist.get('resourceVersion'), '3');
    assert.equal(s.log, ['update default/b rv=5', 'update default/c rv=3', 'add default/z', 'delete default/a']);
    assert.equal(s.informer.listKeys().sort(), ['default/b', 'default/c', 'default/z']);
    assert.is(watches(s).at(-1)!.query.get('resourceVersion'), '6');
    assert.is(s.errors.length, 0, s.errors.map(String).join(', '));
  } finally {
    await teardown(s);
  }
});

test('410 on a LIST at a given version: listed again at once with resourceVersion "" (consistent read)', async () => {
  const s = await setup();
  try {
    s.informer.start();
    await eventually(s, () => s.fake.watchers.size === 1, 'the watch');
    s.fake.oldest = s.fake.rv + 1;
    s.fake.expireNextVersionedList = true;
    await s.clock.advance(5 * 60_000);
    s.fake.endWatches();
    s.fake.write('ADDED', 'n');
    await eventually(s, () => s.informer.get('default/n') !== undefined && s.fake.watchers.size === 1, 'recovery');
    const versions = lists(s).slice(2).map((r) => r.query.toString());
    // The pager keeps its page size once the server has paged (reflector paginatedResult).
    assert.equal(versions, ['limit=2&resourceVersion=3', 'limit=2&resourceVersion=', 'continue=2&limit=2']);
  } finally {
    await teardown(s);
  }
});

test('a watch refused with 429 is retried after a backoff, without listing again (isWatchErrorRetriable)', async () => {
  const s = await setup();
  const handle = s.fake.handle;
  let refused = 0;
  s.fake.handle = (req, res) => {
    if (req.query.get('watch') === 'true' && refused++ === 0) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Too many requests, please try again later.', reason: 'TooManyRequests', code: 429 }));
      return;
    }
    handle(req, res);
  };
  const server = await startTestServer((req, res) => s.fake.handle(req, res));
  const client = new RestClient({ server: server.url, ca: fixtures.ca });
  const clock = new VirtualClock();
  const informer = newInformer(client, '/api/v1/namespaces/default/secrets', { clock, random: new SeededRandom('r') });
  try {
    informer.start();
    for (let i = 0; i < 300 && clock.pendingTimers === 0; i++) await new Promise((r) => setImmediate(r));
    assert.is(clock.pendingTimers, 1, 'waiting out a backoff');
    await clock.runAll();
    for (let i = 0; i < 300 && s.fake.watchers.size === 0; i++) await new Promise((r) => setImmediate(r));
    const sent = server.requests.map((r) => (r.query.get('watch') ? `watch rv=${r.query.get('resourceVersion')}` : 'list'));
    assert.equal(sent, ['list', 'watch rv=3', 'watch rv=3']);
  } finally {
    await informer.stop();
    await client.close();
    await server.close();
    await teardown(s);
  }
});

test('failures back off on the injected clock and are reported; stop() ends everything', async () => {
  const s = await setup();
  s.fake.handle = (_req, res) => sendJSON(res, 500, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Internal error occurred: boom', reason: 'InternalError', code: 500 });
  const server = await startTestServer((req, res) => s.fake.handle(req, res));
  const client = new RestClient({ server: server.url, ca: fixtures.ca });
  const clock = new VirtualClock();
  const errors: string[] = [];
  const informer = newInformer(client, '/api/v1/secrets', { clock, random: new SeededRandom('b'), onError: (e) => errors.push(String((e as Error).message)) });
  try {
    informer.start();
    informer.start(); // a second start does nothing
    for (let i = 0; i < 200 && errors.length === 0; i++) await new Promise((r) => setImmediate(r));
    assert.equal(errors, ['Internal error occurred: boom']);
    assert.is(clock.pendingTimers, 1, 'a backoff sleep is pending on the virtual clock');
    const due = clock.nextDueMs! - clock.nowMs();
    assert.ok(due >= 800 && due < 1600, `first backoff ${due} ms`);
    await clock.runAll();
    for (let i = 0; i < 200 && errors.length < 2; i++) await new Promise((r) => setImmediate(r));
    assert.is(errors.length, 2);
    const second = clock.nextDueMs! - clock.nowMs();
    assert.ok(second >= 1600 && second < 3200, `second backoff ${second} ms`);
    assert.not.ok(informer.hasSynced());
    await informer.stop();
    assert.is(clock.pendingTimers, 0);
  } finally {
    await informer.stop();
    await client.close();
    await server.close();
    await teardown(s);
  }
});

test.run();
