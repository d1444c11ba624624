// Field order of served objects: Go's struct order as encoding/json writes it (kind, apiVersion,
// metadata in ObjectMeta's order, the kind's own fields, status last).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { orderFields, orderMetadata } from './field-order.js';

test('orderFields: type meta first, metadata in ObjectMeta order, own fields, status last', () => {
  const obj = { status: { phase: 'Active' }, spec: { finalizers: ['kubernetes'] }, metadata: { labels: { a: 'b' }, zzz: 1, name: 'x', uid: 'u' }, apiVersion: 'old', kind: 'Old', data: {} };
  const out = orderFields(obj as never, { kind: 'Namespace', apiVersion: 'v1' });
  assert.equal(Object.keys(out), ['kind', 'apiVersion', 'metadata', 'spec', 'data', 'status']);
  assert.equal(Object.keys(out.metadata), ['name', 'uid', 'labels', 'zzz']);
  assert.is((out as Record<string, unknown>)['kind'], 'Namespace');
  assert.is(out.status, obj.status, 'values are shared, not copied');
});

test('orderFields without type meta (list items) drops kind and apiVersion; no status stays absent', () => {
  const out = orderFields({ kind: 'Secret', apiVersion: 'v1', metadata: { name: 's' }, type: 'Opaque' } as never, undefined);
  assert.equal(Object.keys(out), ['metadata', 'type']);
});

test('orderMetadata keeps unknown keys after the known ones, in their own order', () => {
  assert.equal(Object.keys(orderMetadata({ b: 1, namespace: 'n', a: 2, name: 'x' } as never)), ['name', 'namespace', 'b', 'a']);
});

test.run();
