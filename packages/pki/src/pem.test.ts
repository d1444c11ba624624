import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeOnePem, decodePem, decodePemBlocks, encodePem } from './pem.js';
import { throwsCode } from './testing.js';

const bytes = (n: number) => new Uint8Array(Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff));

test('encodePem writes 64-character lines and a trailing newline, as Go pem.Encode', () => {
  const der = bytes(100);
  const pem = encodePem('CERTIFICATE', der);
  const lines = pem.split('\n');
  assert.is(lines[0], '-----BEGIN CERTIFICATE-----');
  // base64 of 100 bytes is 136 characters: 64 + 64 + 8
  assert.equal(lines.slice(1, 4).map((l) => l.length), [64, 64, 8]);
  assert.is(lines[4], '-----END CERTIFICATE-----');
  assert.is(lines[5], '');
  assert.ok(pem.endsWith('-----\n'));
});

test('encodePem accepts an ArrayBuffer as well as a Uint8Array', () => {
  const der = bytes(48);
  assert.is(encodePem('PUBLIC KEY', der.buffer.slice(0)), encodePem('PUBLIC KEY', der));
});

test('decodePem round-trips every block of a bundle, in order, ignoring text outside blocks', () => {
  const a = bytes(70);
  const b = bytes(5);
  const text = `subject=CN=example\nissuer=CN=ca\n${encodePem('CERTIFICATE', a)}between blocks\n${encodePem('EC PRIVATE KEY', b)}trailing`;
  const blocks = decodePem(text);
  assert.equal(
    blocks.map((x) => x.type),
    ['CERTIFICATE', 'EC PRIVATE KEY'],
  );
  assert.equal(blocks[0]!.der, a);
  assert.equal(blocks[1]!.der, b);
});

test('decodePem reads CRLF line endings and indented lines', () => {
  const der = bytes(90);
  const text = encodePem('CERTIFICATE', der).replace(/\n/g, '\r\n').replace(/^/gm, '  ');
  assert.equal(decodePem(text)[0]!.der, der);
});

test('decodePem skips RFC 1421 header lines such as Proc-Type and DEK-Info', () => {
  const der = bytes(33);
  const body = encodePem('RSA PRIVATE KEY', der).split('\n');
  const text = [body[0], 'Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF', '', ...body.slice(1)].join('\n');
  assert.equal(decodePem(text)[0]!.der, der);
});

test('decodePem of text without PEM is an empty list', () => {
  assert.equal(decodePem('no pem here'), []);
  assert.equal(decodePem(''), []);
});

test('a block without END line is PEM_MALFORMED, naming the source, the block and its line', () => {
  const text = `# comment\n${encodePem('CERTIFICATE', bytes(100))}`.replace('-----END CERTIFICATE-----\n', '');
  throwsCode(() => decodePem(text, 'ca.pem'), 'PEM_MALFORMED', /^ca\.pem: /, '"CERTIFICATE"', 'starts on line 2', '"-----END CERTIFICATE-----"', 'truncated');
});

test('an END line of another type is PEM_MALFORMED', () => {
  const text = encodePem('CERTIFICATE', bytes(10)).replace('END CERTIFICATE', 'END PRIVATE KEY');
  throwsCode(() => decodePem(text, 'bundle.pem'), 'PEM_MALFORMED', 'bundle.pem: PEM block "CERTIFICATE" ends with "-----END PRIVATE KEY-----" (line 3)');
});

test('a line that is not base64 is PEM_MALFORMED with its line number', () => {
  const text = encodePem('CERTIFICATE', bytes(100)).replace(/\n(.{10})/, '\n$1!*');
  throwsCode(() => decodePem(text, 'kubelet.crt'), 'PEM_MALFORMED', 'kubelet.crt: line 2 of the PEM block "CERTIFICATE" is not base64');
});

test('a truncated base64 body is PEM_MALFORMED', () => {
  const pem = encodePem('CERTIFICATE', bytes(100));
  const lines = pem.split('\n');
  lines[2] = lines[2]!.slice(0, -3); // cut inside a 4-character group
  throwsCode(() => decodePem(lines.join('\n'), 'status.certificate'), 'PEM_MALFORMED', 'status.certificate: PEM block "CERTIFICATE" has a truncated base64 body');
});

test('an empty block is PEM_MALFORMED', () => {
  throwsCode(() => decodePem('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n', 'x.pem'), 'PEM_MALFORMED', 'x.pem: PEM block "CERTIFICATE" has an empty body');
});

test('errors name "input" when no source is given', () => {
  throwsCode(() => decodePem('-----BEGIN X-----\nAAAA\n'), 'PEM_MALFORMED', /^input: /);
});

test('decodeOnePem returns the first block of an accepted type', () => {
  const key = bytes(20);
  const cert1 = bytes(30);
  const cert2 = bytes(40);
  const text = encodePem('EC PARAMETERS', key) + encodePem('CERTIFICATE', cert1) + encodePem('CERTIFICATE', cert2);
  const block = decodeOnePem(text, ['CERTIFICATE']);
  assert.is(block.type, 'CERTIFICATE');
  assert.equal(block.der, cert1);
  assert.is(decodeOnePem(text, ['PRIVATE KEY', 'EC PARAMETERS']).type, 'EC PARAMETERS');
});

test('decodeOnePem without any PEM is PEM_MALFORMED naming the expected block', () => {
  throwsCode(() => decodeOnePem('garbage, not PEM', ['CERTIFICATE'], 'ca.crt'), 'PEM_MALFORMED', 'ca.crt: no PEM data found (expected a "-----BEGIN CERTIFICATE-----" block)');
});

test('decodeOnePem with only other block types is PEM_WRONG_TYPE naming what was found', () => {
  const text = encodePem('CERTIFICATE', bytes(10)) + encodePem('CERTIFICATE', bytes(11)) + encodePem('X509 CRL', bytes(12));
  throwsCode(
    () => decodeOnePem(text, ['PRIVATE KEY', 'EC PRIVATE KEY'], 'ca-key.pem'),
    'PEM_WRONG_TYPE',
    'ca-key.pem: expected a PEM block of type "PRIVATE KEY" or "EC PRIVATE KEY", found "CERTIFICATE", "X509 CRL"',
  );
});

test('decodePemBlocks keeps the blocks of one type', () => {
  const a = bytes(10);
  const b = bytes(13);
  const text = encodePem('CERTIFICATE', a) + encodePem('PRIVATE KEY', bytes(9)) + encodePem('CERTIFICATE', b);
  assert.equal(decodePemBlocks(text, 'CERTIFICATE'), [a, b]);
  assert.equal(decodePemBlocks(text, 'CERTIFICATE REQUEST'), []);
});

test('decodePemBlocks still reports a malformed block', () => {
  throwsCode(() => decodePemBlocks('-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----', 'CERTIFICATE', 'b.pem'), 'PEM_MALFORMED', /^b\.pem: /);
});

test.run();
