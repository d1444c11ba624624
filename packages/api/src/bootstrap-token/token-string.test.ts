// Token strings: TestIsValidBootstrapToken and TestIsValidBootstrapTokenID
// (staging/src/k8s.io/cluster-bootstrap/util/tokens/tokens_test.go), TestTokenFromIDAndSecret,
// TestBootstrapTokenSecretName, TestGenerateBootstrapToken and TestRandBytes
// (staging/src/k8s.io/cluster-bootstrap/token/util/helpers_test.go).
import { RandomBase, SeededRandom } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BootstrapTokenError } from './errors.js';
import {
  bootstrapTokenChars,
  bootstrapTokenSecretName,
  generateBootstrapToken,
  generateBootstrapTokenId,
  generateBootstrapTokenSecret,
  isValidBootstrapToken,
  isValidBootstrapTokenId,
  matchBootstrapToken,
  parseBootstrapToken,
  tokenFromIdAndSecret,
} from './token-string.js';

test('tokens_test.go TestIsValidBootstrapToken: 6 + 16 characters of [a-z0-9], a dot between', () => {
  const cases: [string, boolean][] = [
    ['', false],
    ['.', false],
    ['1234567890123456789012', false],
    ['12345.1234567890123456', false],
    ['.1234567890123456', false],
    ['123456.', false],
    ['123456:1234567890.123456', false],
    ['abcdef:1234567890123456', false],
    ['Abcdef.1234567890123456', false],
    ['123456.AABBCCDDEEFFGGHH', false],
    ['123456.AABBCCD-EEFFGGHH', false],
    ['abc*ef.1234567890123456', false],
    ['ABCDEF.abcdef0123456789', false],
    ['abcdef.1234567890123456', true],
    ['123456.aabbccddeeffgghh', true],
    ['abcdef.abcdef0123456789', true],
    ['123456.1234560123456789', true],
  ];
  for (const [token, valid] of cases) assert.is(isValidBootstrapToken(token), valid, token);
});

test('Go \\A…\\z anchors: a trailing newline or longer secret is not a token', () => {
  assert.is(isValidBootstrapToken('abcdef.1234567890123456\n'), false);
  assert.is(isValidBootstrapToken('abcdef.1234567890123456ghijklmn'), false, 'the 24-character secret of one odd upstream commit is refused');
  assert.is(isValidBootstrapToken(' abcdef.1234567890123456'), false);
});

test('tokens_test.go TestIsValidBootstrapTokenID', () => {
  const cases: [string, boolean][] = [
    ['', false],
    ['1234567890123456789012', false],
    ['12345', false],
    ['Abcdef', false],
    ['ABCDEF', false],
    ['abcdef.', false],
    ['abcdef', true],
    ['123456', true],
  ];
  for (const [id, valid] of cases) assert.is(isValidBootstrapTokenId(id), valid, id);
});

test('tokens.go ParseToken: id and secret, or `token [%q] was not of form [%q]`', () => {
  assert.equal(parseBootstrapToken('abcdef.0123456789abcdef'), { id: 'abcdef', secret: '0123456789abcdef' });
  assert.equal(matchBootstrapToken('abcdef.0123456789abcdef'), { id: 'abcdef', secret: '0123456789abcdef' });
  assert.is(matchBootstrapToken('foo.circumnavigation'), undefined);
  try {
    parseBootstrapToken('foo.bar');
    assert.unreachable();
  } catch (err) {
    assert.instance(err, BootstrapTokenError);
    assert.is((err as BootstrapTokenError).code, 'TOKEN_INVALID');
    assert.is((err as Error).message, 'token ["foo.bar"] was not of form ["\\\\A([a-z0-9]{6})\\\\.([a-z0-9]{16})\\\\z"]');
  }
});

test('helpers_test.go TestTokenFromIDAndSecret and TestBootstrapTokenSecretName', () => {
  assert.is(tokenFromIdAndSecret('foo', 'bar'), 'foo.bar');
  assert.is(tokenFromIdAndSecret('abcdef', 'abcdef0123456789'), 'abcdef.abcdef0123456789');
  assert.is(tokenFromIdAndSecret('h', 'b'), 'h.b');
  for (const [id, name] of [['foo', 'bootstrap-token-foo'], ['bar', 'bootstrap-token-bar'], ['', 'bootstrap-token-'], ['abcdef', 'bootstrap-token-abcdef']]) {
    assert.is(bootstrapTokenSecretName(id!), name);
  }
});

test('helpers_test.go TestGenerateBootstrapToken: a generated token is valid; ids and secrets have their lengths', () => {
  const random = new SeededRandom(42);
  for (let i = 0; i < 200; i++) assert.ok(isValidBootstrapToken(generateBootstrapToken(random)));
  assert.is(generateBootstrapTokenId(random).length, 6);
  assert.is(generateBootstrapTokenSecret(random).length, 16);
  assert.is(generateBootstrapToken(new SeededRandom(7)), generateBootstrapToken(new SeededRandom(7)), 'the same seed gives the same token');
});

/** A Random whose bytes are a fixed script, to check randBytes' mapping. */
class ScriptedRandom extends RandomBase {
  calls: number[] = [];
  constructor(private readonly script: number[]) {
    super();
  }
  float(): number {
    return 0;
  }
  protected below(): number {
    return 0;
  }
  bytes(n: number): Uint8Array {
    this.calls.push(n);
    return Uint8Array.from({ length: n }, () => this.script.shift() ?? 0);
  }
}

test('helpers.go randBytes: b % 36 over 0-9a-z, bytes of 252 and above thrown away, read 2*length at a time', () => {
  // 0 → '0', 35 → 'z', 36 → '0', 251 → 251 % 36 = 35 → 'z'; 252..255 skipped
  const r = new ScriptedRandom([0, 252, 35, 255, 36, 251, 253, 10, 254, 71, 72, 1]);
  assert.is(generateBootstrapTokenId(r), '0z0zaz');
  assert.equal(r.calls, [12]);
  const all = new ScriptedRandom([...Array(12).fill(255), 1, 2, 3, 4, 5, 6]);
  assert.is(generateBootstrapTokenId(all), '123456');
  assert.equal(all.calls, [12, 12], 'a refill when every byte of the first read was thrown away');
  assert.is(bootstrapTokenChars, '0123456789abcdefghijklmnopqrstuvwxyz');
});

test.run();
