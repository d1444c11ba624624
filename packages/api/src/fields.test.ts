/** k8s.io/apimachinery/pkg/fields/selector.go (and selector_test.go's escaping cases). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import { FieldSelector, escapeFieldSelectorValue, fieldSelectorFromSet, parseFieldSelector, unescapeFieldSelectorValue } from './fields.js';

function parseError(s: string): string {
  try {
    parseFieldSelector(s);
  } catch (err) {
    assert.ok(isTlsbootError(err, 'FIELD_SELECTOR_INVALID'), s);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(s)} to fail`);
}

test('parse: =, ==, != terms, sorted, printed back', () => {
  assert.is(parseFieldSelector('metadata.name=csr-1').toString(), 'metadata.name=csr-1');
  assert.is(parseFieldSelector('spec.signerName==kubernetes.io/kubelet-serving').toString(), 'spec.signerName=kubernetes.io/kubelet-serving');
  assert.is(parseFieldSelector('type!=kubernetes.io/service-account-token,metadata.namespace=kube-system').toString(), 'metadata.namespace=kube-system,type!=kubernetes.io/service-account-token');
  assert.is(parseFieldSelector('').toString(), '');
  assert.ok(parseFieldSelector('').empty());
  assert.ok(parseFieldSelector(',,').empty());
  assert.equal(parseFieldSelector('a!=b\\=c').requirements, [{ field: 'a', operator: '!=', value: 'b=c' }]);
  assert.equal(parseFieldSelector('x=').requirements, [{ field: 'x', operator: '=', value: '' }]);
  assert.equal(parseFieldSelector('=x').requirements, [{ field: '', operator: '=', value: 'x' }]);
});

test('the first operator position wins; != before == before =', () => {
  assert.equal(parseFieldSelector('a==b').requirements, [{ field: 'a', operator: '=', value: 'b' }]);
  assert.equal(parseFieldSelector('a!=b').requirements, [{ field: 'a', operator: '!=', value: 'b' }]);
  assert.is(parseError('a=b=c'), 'invalid field selector: unescaped character in value: 61');
  assert.is(parseError('a==b==c'), 'invalid field selector: unescaped character in value: 61');
});

test('escaping: \\, \\= \\\\ in values; the escapes survive the comma split', () => {
  assert.equal(parseFieldSelector('a=x\\,y,b=z').requirements, [
    { field: 'a', operator: '=', value: 'x,y' },
    { field: 'b', operator: '=', value: 'z' },
  ]);
  assert.equal(parseFieldSelector('a=\\=\\\\').requirements, [{ field: 'a', operator: '=', value: '=\\' }]);
  assert.is(escapeFieldSelectorValue('a,b=c\\d'), 'a\\,b\\=c\\\\d');
  assert.is(unescapeFieldSelectorValue(escapeFieldSelectorValue('a,b=c\\d')), 'a,b=c\\d');
  assert.is(parseFieldSelector('a=x\\,y').toString(), 'a=x\\,y');
  assert.is(unescapeFieldSelectorValue('plain'), 'plain');
});

test('errors with upstream wording', () => {
  assert.is(parseError('metadata.name'), "invalid selector: 'metadata.name'; can't understand 'metadata.name'");
  assert.is(parseError('a=b,c'), "invalid selector: 'a=b,c'; can't understand 'c'");
  assert.is(parseError('a=\\x'), 'invalid field selector: invalid escape sequence: \\x');
  assert.is(parseError('a=b\\'), 'invalid field selector: invalid escape sequence: \\');
  // 'a=b,c=d,e' sorts to [a=b, c=d, e] and fails on e
  assert.is(parseError('e,c=d,a=b'), "invalid selector: 'e,c=d,a=b'; can't understand 'e'");
});

test('matching: missing fields read as empty', () => {
  const f = { 'metadata.name': 'csr-1', 'spec.signerName': 'kubernetes.io/kubelet-serving' };
  assert.ok(parseFieldSelector('metadata.name=csr-1').matches(f));
  assert.not.ok(parseFieldSelector('metadata.name=csr-2').matches(f));
  assert.ok(parseFieldSelector('metadata.name!=csr-2,spec.signerName=kubernetes.io/kubelet-serving').matches(f));
  assert.not.ok(parseFieldSelector('metadata.name!=csr-1').matches(f));
  assert.ok(parseFieldSelector('spec.nodeName=').matches(f));
  assert.not.ok(parseFieldSelector('spec.nodeName!=').matches(f));
  assert.ok(FieldSelector.everything().matches(f));
  assert.not.ok(parseFieldSelector('toString=x').matches({}));
});

test('RequiresExactMatch, Transform, SelectorFromSet', () => {
  const s = parseFieldSelector('metadata.name=n1,spec.host!=x');
  assert.is(s.requiresExactMatch('metadata.name'), 'n1');
  assert.is(s.requiresExactMatch('spec.host'), undefined);
  const t = s.transform((f, v) => [f === 'spec.host' ? 'spec.nodeName' : f, v]);
  assert.is(t.toString(), 'metadata.name=n1,spec.nodeName!=x');
  assert.throws(() => s.transform(() => { throw new Error('field label not supported: x'); }), /field label not supported/);
  assert.is(fieldSelectorFromSet({ 'metadata.name': 'a' }).toString(), 'metadata.name=a');
});

test.run();
