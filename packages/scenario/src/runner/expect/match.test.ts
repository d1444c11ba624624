import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { brief, matchPartial, mismatchText } from './match.js';

const text = (expected: unknown, actual: unknown): string => {
  const r = matchPartial(expected, actual);
  return r.ok ? 'ok' : mismatchText(r);
};

const csr = {
  metadata: { name: 'node-csr-abc', labels: { a: 'b' } },
  spec: { signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'client auth'] },
  status: {
    conditions: [
      { type: 'Approved', status: 'True', reason: 'AutoApproved', message: 'Auto approving kubelet client certificate after SubjectAccessReview.' },
    ],
    certificate: 'LS0t',
  },
};

test('maps match key by key; keys left out are not looked at', () => {
  assert.is(text({ metadata: { name: 'node-csr-abc' } }, csr), 'ok');
  assert.is(text({}, csr), 'ok');
  assert.is(text({ metadata: { name: 'other' } }, csr), 'metadata.name: expected other, found node-csr-abc');
  assert.is(text({ metadata: { uid: 'x' } }, csr), 'metadata.uid: missing, expected x');
  assert.is(text({ spec: { signerName: { a: 1 } } }, csr), 'spec.signerName: expected a map, found kubernetes.io/kube-apiserver-client-kubelet');
});

test('lists: every expected item matches some actual item, any order', () => {
  assert.is(text({ spec: { usages: ['client auth', 'digital signature'] } }, csr), 'ok');
  assert.is(text({ spec: { usages: ['client auth'] } }, csr), 'ok');
  assert.is(text({ status: { conditions: [{ type: 'Approved', reason: 'AutoApproved' }] } }, csr), 'ok');
  assert.is(
    text({ status: { conditions: [{ type: 'Denied' }] } }, csr),
    'status.conditions: no item matches {type: Denied} (status.conditions[0].type: expected Denied, found Approved)',
  );
  assert.is(text({ spec: { usages: ['server auth'] } }, csr), 'spec.usages: no item matches server auth');
  assert.is(text({ items: [{ a: 1 }] }, { items: [] }), 'items: no item matches {a: 1} (the list is empty)');
  assert.is(text({ spec: { usages: 'client auth' } }, csr), 'spec.usages: expected client auth, found [digital signature, client auth]');
  assert.is(text({ spec: { usages: ['client auth'] } }, { spec: { usages: 'client auth' } }), 'spec.usages: expected a list, found client auth');
});

test('lists: each expected item needs a distinct actual item', () => {
  assert.is(text(['/auth/', '/auth/'], ['client auth']), 'no item matches /auth/ apart from the items the other expected items match (each expected item needs its own)');
  assert.is(text(['/auth/', '/auth/'], ['client auth', 'server auth']), 'ok');
  // a greedy choice would give the first expected item `a: 1, b: 2` — the matching must reassign
  assert.is(text([{ a: 1 }, { b: 2 }], [{ a: 1, b: 2 }, { a: 1 }]), 'ok');
});

test('strings written /…/flags are regular expressions; on numbers and booleans too', () => {
  assert.is(text({ metadata: { name: '/^node-csr-/' } }, csr), 'ok');
  assert.is(text({ metadata: { name: '/^NODE-CSR-/i' } }, csr), 'ok');
  assert.is(text({ metadata: { name: '/^csr-/' } }, csr), 'metadata.name: node-csr-abc does not match /^csr-/');
  assert.is(text({ code: '/^40[13]$/' }, { code: 403 }), 'ok');
  assert.is(text({ code: '/x/' }, { code: { a: 1 } }), 'code: expected text matching /x/, found {a: 1}');
  // a regex with the g flag is not stateful between items
  assert.is(text(['/a/g', '/a/g'], ['a', 'a']), 'ok');
});

test('other scalars are equal, with no conversion; null is null or absent', () => {
  assert.is(text({ code: 403 }, { code: 403 }), 'ok');
  assert.is(text({ code: '403' }, { code: 403 }), 'code: expected "403", found 403');
  assert.is(text({ ok: true }, { ok: 'true' }), 'ok: expected true, found "true"');
  assert.is(text({ a: null }, {}), 'ok');
  assert.is(text({ a: null }, { a: null }), 'ok');
  assert.is(text({ a: null }, { a: 0 }), 'a: expected null, found 0');
  assert.is(text('x', 'y'), 'expected x, found y');
});

test('keys that are not identifiers are quoted in paths', () => {
  assert.is(text({ metadata: { labels: { 'kubernetes.io/os': 'linux' } } }, csr), 'metadata.labels."kubernetes.io/os": missing, expected linux');
});

test('brief: short and YAML-like', () => {
  assert.is(brief({ type: 'Approved', status: 'True' }), '{type: Approved, status: True}');
  assert.is(brief('0600'), '"0600"');
  assert.is(brief(''), '""');
  assert.is(brief([1, 2, 3, 4, 5, 6, 7]), '[1, 2, 3, 4, 5, … 2 more]');
  assert.is(brief('x'.repeat(100)).length, 80);
});

test.run();
