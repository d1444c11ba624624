// PATCH bodies: RFC 7386 merge patch (its appendix A examples), strategic merge patch as a merge
// patch without directives, RFC 6902 JSON patch, and the error answers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyPatch, mergePatch, stripDirectives } from './patch-apply.js';

test('RFC 7386 appendix A', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  ];
  for (const [target, patch, want] of cases) assert.equal(mergePatch(target as never, patch as never), want, JSON.stringify(patch));
});

test('strategic merge directives are dropped', () => {
  assert.equal(stripDirectives({ $retainKeys: ['a'], spec: { '$setElementOrder/containers': [{ name: 'a' }], x: 1 }, list: [{ $patch: 'delete', name: 'y' }, { name: 'z' }] } as never), {
    spec: { x: 1 },
    list: [{ name: 'z' }],
  });
});

test('applyPatch: each type, and the errors', () => {
  const current = { metadata: { name: 'x', labels: { a: '1' } } };
  const body = (s: string) => Buffer.from(s);
  assert.equal(applyPatch('application/merge-patch+json', current, body('{"metadata":{"labels":{"b":"2"}}}')), { metadata: { name: 'x', labels: { a: '1', b: '2' } } });
  assert.equal(applyPatch('application/json-patch+json', current, body('[{"op":"remove","path":"/metadata/labels/a"}]')), { metadata: { name: 'x', labels: {} } });
  assert.equal(current.metadata.labels, { a: '1' }, 'the stored object is not modified');
  const fail = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return [(err as { statusCode: number }).statusCode, (err as Error).message];
    }
    return undefined;
  };
  assert.equal(fail(() => applyPatch('application/merge-patch+json', current, body('{'))), [400, 'error decoding patch: unexpected end of JSON input']);
  assert.equal(fail(() => applyPatch('application/json-patch+json', current, body('[{"op":"remove","path":"/nope"}]'))), [422, 'the server rejected our request due to an error in our request']);
  assert.is(fail(() => applyPatch('application/json-patch+json', current, body('{}')))![0], 400);
});

test.run();
