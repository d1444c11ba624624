/** metav1.Status JSON (k8s.io/apimachinery/pkg/apis/meta/v1/types.go) with Go's omitempty. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isStatus, statusForWire, statusSuccess } from './status.js';

test('statusSuccess: the generic store DELETE body, no code', () => {
  const s = statusSuccess({ name: 'x', group: '', kind: 'secrets', uid: 'u-1' });
  assert.is(JSON.stringify(s), '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"x","kind":"secrets","uid":"u-1"}}');
  assert.is(JSON.stringify(statusSuccess({ name: 'x', kind: 'secrets' }, 200)), '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"x","kind":"secrets"},"code":200}');
  assert.is(JSON.stringify(statusSuccess()), '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success"}');
});

test('statusForWire: struct order, empty fields dropped, empty details kept as {}', () => {
  const wire = statusForWire({
    code: 404,
    details: { kind: 'secrets', causes: [], group: '', name: 'x', retryAfterSeconds: 0 },
    reason: 'NotFound',
    message: 'secrets "x" not found',
    status: 'Failure',
    metadata: {},
    apiVersion: 'v1',
    kind: 'Status',
  });
  assert.is(
    JSON.stringify(wire),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"secrets \\"x\\" not found","reason":"NotFound","details":{"name":"x","kind":"secrets"},"code":404}',
  );
  assert.is(JSON.stringify(statusForWire({ kind: 'Status', apiVersion: 'v1', metadata: {}, details: {} })), '{"kind":"Status","apiVersion":"v1","metadata":{},"details":{}}');
  const causes = statusForWire({ kind: 'Status', apiVersion: 'v1', metadata: { resourceVersion: '' }, details: { causes: [{ reason: '', message: 'm', field: '' }] } });
  assert.is(JSON.stringify(causes), '{"kind":"Status","apiVersion":"v1","metadata":{},"details":{"causes":[{"message":"m"}]}}');
  const decoded = JSON.parse('{"kind":"Status","apiVersion":"v1","metadata":null,"status":"Failure","details":null,"code":500}');
  assert.is(JSON.stringify(statusForWire(decoded)), '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","code":500}');
});

test('isStatus: kind Status with apiVersion v1 or meta.k8s.io/v1', () => {
  assert.ok(isStatus({ kind: 'Status', apiVersion: 'v1' }));
  assert.ok(isStatus({ kind: 'Status', apiVersion: 'meta.k8s.io/v1' }));
  assert.not.ok(isStatus({ kind: 'Status', apiVersion: 'v2' }));
  assert.not.ok(isStatus({ kind: 'Secret', apiVersion: 'v1' }));
  assert.not.ok(isStatus(null));
  assert.not.ok(isStatus('Status'));
});

test.run();
