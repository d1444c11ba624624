import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { summarize } from './measure.js';
import { combinedRate, parseSpeedOutput } from './openssl.js';

// Machine-readable lines as OpenSSL 3.0.19 prints them for `openssl speed -mr ecdsap256 rsa2048`
// (apps/speed.c: "+F2" RSA, "+F4" ECDSA; "+DTP"/"+R" are progress lines).
const sample = [
  '+DTP:2048:private:rsa:1',
  '+R1:4002:2048:1.00',
  '+DTP:2048:public:rsa:1',
  '+R2:65959:2048:1.00',
  '+DTP:256:sign:ecdsa:1',
  '+R5:53475:256:0.95',
  '+DTP:256:verify:ecdsa:1',
  '+R6:20391:256:1.00',
  '+H:sign:verify',
  '+F2:2:2048:3946.000000:66514.000000',
  '+F4:3:256:56289.473684:20391.000000',
].join('\n');

test('parseSpeedOutput reads RSA and ECDSA sign/verify rates from -mr output', () => {
  const figures = parseSpeedOutput(sample);
  assert.equal(figures.rsa.get(2048), { sign: 3946, verify: 66514 });
  assert.equal(figures.ecdsa.get(256), { sign: 56289.473684, verify: 20391 });
  assert.is(figures.rsa.size, 1);
  assert.is(figures.ecdsa.size, 1);
});

test('parseSpeedOutput ignores the RSA encrypt/decrypt rates OpenSSL 3.2+ appends, and text it does not know', () => {
  const figures = parseSpeedOutput('+F2:1:2048:1000.5:30000.25:29000.0:1100.0\nDoing 2048 bits private rsa sign ops\n');
  assert.equal(figures.rsa.get(2048), { sign: 1000.5, verify: 30000.25 });
  assert.is(parseSpeedOutput('no figures here').ecdsa.size, 0);
});

test('combinedRate is the rate of doing the operations one after another', () => {
  assert.is(combinedRate(100), 100);
  assert.is(combinedRate(100, 100), 50);
  assert.ok(Math.abs(combinedRate(1000, 250) - 200) < 1e-9);
});

test('summarize: the median round and the spread', () => {
  assert.equal(summarize([3, 1, 2], 12), { median: 2, min: 1, max: 3, ops: 12, rounds: [3, 1, 2] });
});

test.run();
