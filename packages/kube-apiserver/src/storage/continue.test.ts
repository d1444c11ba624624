// Continue tokens of kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/storage/continue.go
// (EncodeContinue / DecodeContinue and their error texts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ContinueTokenError, ErrEmptyStartKey, ErrInvalidStartRV, decodeContinue, encodeContinue } from './continue.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64url');

test('encode: base64url without padding of Go\'s JSON, start relative to the prefix', () => {
  const token = encodeContinue('/registry/pods/default/foo\x00', '/registry/pods/', 5);
  assert.is(token, b64('{"v":"meta.k8s.io/v1","rv":5,"start":"default/foo\\u0000"}'));
  assert.not.match(token, /=/);
  // Go escapes HTML characters in JSON strings.
  assert.is(Buffer.from(encodeContinue('/p/a<b>&', '/p/', 1), 'base64url').toString(), '{"v":"meta.k8s.io/v1","rv":1,"start":"a\\u003cb\\u003e\\u0026"}');
  assert.throws(() => encodeContinue('/other/x', '/p/', 1), /the key and key prefix do not match \/p\/ \/other\/x/);
});

test('decode round-trips, re-rooted under the prefix', () => {
  const token = encodeContinue('/registry/pods/default/foo\x00', '/registry/pods/', 5);
  assert.equal(decodeContinue(token, '/registry/pods/'), { fromKey: '/registry/pods/default/foo\x00', resourceVersion: 5 });
  assert.equal(decodeContinue(b64('{"v":"meta.k8s.io/v1","rv":-1,"start":"x"}'), '/p/'), { fromKey: '/p/x', resourceVersion: -1 });
});

test('decode refuses bad tokens with upstream\'s messages', () => {
  const cases: [string, string | RegExp][] = [
    ['!!', /^continue key is not valid: /],
    [b64('not json'), /^continue key is not valid: /],
    [b64('{"v":"meta.k8s.io/v2","rv":1,"start":"a"}'), 'continue key is not valid: server does not recognize this encoded version meta.k8s.io/v2'],
    [b64('{"v":"meta.k8s.io/v1","rv":0,"start":"a"}'), ErrInvalidStartRV],
    [b64('{"v":"meta.k8s.io/v1","rv":3,"start":""}'), ErrEmptyStartKey],
    // Path traversal out of the prefix.
    [b64('{"v":"meta.k8s.io/v1","rv":3,"start":"../secrets/x"}'), 'continue key is not valid: ../secrets/x'],
    [b64('{"v":"meta.k8s.io/v1","rv":3,"start":"a//b"}'), 'continue key is not valid: a//b'],
  ];
  for (const [token, message] of cases) {
    try {
      decodeContinue(token, '/registry/pods/');
      assert.unreachable(String(message));
    } catch (err) {
      assert.instance(err, ContinueTokenError);
      if (typeof message === 'string') assert.is((err as Error).message, message);
      else assert.match((err as Error).message, message);
    }
  }
});

test.run();
