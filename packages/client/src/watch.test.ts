// Watch streams: JSON-lines framing over chunked HTTP (apiserver handlers/watch.go), ERROR
// events as StatusError (reflector watchHandler), clean ends.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Readable } from 'node:stream';
import type { KubeObject, WatchEvent } from '@tlsboot/api';
import { isStatusError } from '@tlsboot/api';
import { isTlsbootError } from '@tlsboot/util';
import { RestClient } from './rest-client.js';
import { fixtures, startTestServer } from './test-server.js';
import { decodeWatchEvent, watch } from './watch.js';

const secret = (name: string, rv: string) => ({ kind: 'Secret', apiVersion: 'v1', metadata: { name, namespace: 'default', resourceVersion: rv } });
const line = (type: string, object: unknown): string => `${JSON.stringify({ type, object })}\n`;
const expired = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'too old resource version: 5 (10)',
  reason: 'Expired',
  code: 410,
};

/** A RestClient stand-in whose watch body arrives in exactly these chunks. */
function chunkedClient(chunks: Buffer[]): RestClient {
  return {
    stream: async () => ({ statusCode: 200, headers: {}, body: Readable.from(chunks) }),
  } as unknown as RestClient;
}

async function collect(it: AsyncIterable<WatchEvent>): Promise<Array<[string, string | undefined]>> {
  const out: Array<[string, string | undefined]> = [];
  for await (const e of it) out.push([e.type, (e.object as KubeObject).metadata?.name]);
  return out;
}

test('an event split across chunks, several events in one chunk, a UTF-8 character split in two', async () => {
  const text = line('ADDED', secret('a', '1')) + line('MODIFIED', { ...secret('b', '2'), data: { note: 'Ünïcødé ✓' } }) + line('DELETED', secret('c', '3'));
  const bytes = Buffer.from(text, 'utf8');
  const splitInChar = bytes.indexOf(Buffer.from('✓')) + 1;
  const chunks = [bytes.subarray(0, 10), bytes.subarray(10, splitInChar), bytes.subarray(splitInChar)];
  const events: WatchEvent[] = [];
  for await (const e of watch(chunkedClient(chunks), '/api/v1/secrets')) events.push(e);
  assert.equal(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
  assert.is((events[1]!.object as unknown as { data: { note: string } }).data.note, 'Ünïcødé ✓');
  // One chunk with everything, and a last event without its newline.
  assert.equal(await collect(watch(chunkedClient([Buffer.from(text.trimEnd())]), '/x')), [
    ['ADDED', 'a'],
    ['MODIFIED', 'b'],
    ['DELETED', 'c'],
  ]);
});

test('an ERROR event ends the watch with its Status as a StatusError (410 Expired)', async () => {
  const chunks = [Buffer.from(line('ADDED', secret('a', '6')) + line('ERROR', expired))];
  const seen: string[] = [];
  try {
    for await (const e of watch(chunkedClient(chunks), '/x')) seen.push(e.type);
    assert.unreachable('expected the ERROR event to throw');
  } catch (err) {
    assert.ok(isStatusError(err), String(err));
    assert.is(err.reason, 'Expired');
    assert.is(err.statusCode, 410);
    assert.is(err.message, 'too old resource version: 5 (10)');
  }
  assert.equal(seen, ['ADDED']);
});

test('malformed lines and unknown event types are RESPONSE_MALFORMED', () => {
  const code = (l: string): string | undefined => {
    try {
      decodeWatchEvent(l);
    } catch (err) {
      return isTlsbootError(err) ? `${err.code}: ${err.message}` : String(err);
    }
    return undefined;
  };
  assert.match(code('{"type":"ADDED"')!, /^RESPONSE_MALFORMED: unable to decode an event from the watch stream/);
  assert.is(code('{"type":"SNAPSHOT","object":{}}'), 'RESPONSE_MALFORMED: got invalid watch event type: SNAPSHOT');
  assert.match(code('{"type":"ADDED"}')!, /ADDED event without an object/);
  assert.match(code('[1]')!, /not a watch event/);
});

test('over HTTPS: query parameters, events written in pieces with pauses, the server ending the stream', async () => {
  const server = await startTestServer(async (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    const text = line('ADDED', secret('a', '11')) + line('BOOKMARK', { kind: 'Secret', apiVersion: 'v1', metadata: { resourceVersion: '12' } });
    for (const piece of [text.slice(0, 7), text.slice(7, 50), text.slice(50)]) {
      res.write(piece);
      await new Promise((r) => setImmediate(r));
    }
    res.end();
  });
  const client = new RestClient({ server: server.url, ca: fixtures.ca });
  try {
    const events = await collect(
      client.watch('/api/v1/namespaces/default/secrets', { resourceVersion: '10', allowWatchBookmarks: true, timeoutSeconds: 300, fieldSelector: 'metadata.name=a', labelSelector: 'x=y' }),
    );
    assert.equal(events, [
      ['ADDED', 'a'],
      ['BOOKMARK', undefined],
    ]);
    assert.is(
      server.requests[0]!.query.toString(),
      'allowWatchBookmarks=true&fieldSelector=metadata.name%3Da&labelSelector=x%3Dy&resourceVersion=10&timeoutSeconds=300&watch=true',
    );
  } finally {
    await client.close();
    await server.close();
  }
});

test('a connection dropped mid-stream ends the iteration (a probable EOF, as StreamWatcher treats it)', async () => {
  const server = await startTestServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(line('ADDED', secret('a', '1')));
    setImmediate(() => res.socket?.destroy());
  });
  const client = new RestClient({ server: server.url, ca: fixtures.ca });
  try {
    assert.equal(await collect(watch(client, '/x')), [['ADDED', 'a']]);
  } finally {
    await client.close();
    await server.close();
  }
});

test('a refused watch throws its Status; abort ends the iteration quietly', async () => {
  let hold: (() => void) | undefined;
  const server = await startTestServer((req, res) => {
    if (req.query.get('resourceVersion') === 'forbidden') {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...expired, reason: 'Forbidden', code: 403, message: 'secrets is forbidden: User "alice" cannot watch resource "secrets"' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(line('ADDED', secret('a', '1')));
    hold = () => res.end();
  });
  const client = new RestClient({ server: server.url, ca: fixtures.ca });
  try {
    try {
      for await (const _ of watch(client, '/x', { resourceVersion: 'forbidden' })) assert.unreachable();
      assert.unreachable();
    } catch (err) {
      assert.ok(isStatusError(err));
      assert.is(err.reason, 'Forbidden');
    }
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const e of watch(client, '/x', {}, controller.signal)) {
      seen.push(e.type);
      controller.abort();
    }
    assert.equal(seen, ['ADDED']);
    // Already aborted: nothing is sent.
    const before = server.requests.length;
    for await (const _ of watch(client, '/x', {}, controller.signal)) assert.unreachable();
    assert.is(server.requests.length, before);
    // A consumer that stops early closes the stream.
    for await (const _ of watch(client, '/x')) break;
  } finally {
    hold?.();
    await client.close();
    await server.close();
  }
});

test.run();
