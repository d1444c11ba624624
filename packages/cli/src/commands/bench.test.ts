// `tlsboot bench` option parsing (issue 8 §1); the storm itself runs in test/bench-storm-smoke.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../main.js';
import { benchKeyAlgorithm } from './bench.js';

function buffer() {
  let text = '';
  return { write: (s: string) => ((text += s), true), get text() { return text; } };
}

test('bench --key-algorithm: P-256 and RSA-2048, case-insensitive', () => {
  assert.is(benchKeyAlgorithm('P-256'), 'ecdsa-p256');
  assert.is(benchKeyAlgorithm('rsa-2048'), 'rsa-2048');
  assert.throws(() => benchKeyAlgorithm('ed25519'), /P-256 or RSA-2048/);
});

test('bench: a bad --nodes is a usage error (exit 2) naming the option', async () => {
  const stderr = buffer();
  const code = await main(['node', 'tlsboot', 'bench', '--nodes', '0'], { stdout: buffer(), stderr });
  assert.is(code, 2);
  assert.match(stderr.text, /--nodes/);
});

test('bench --help lists the options', async () => {
  const stdout = buffer();
  await main(['node', 'tlsboot', 'bench', '--help'], { stdout, stderr: buffer() });
  for (const o of ['--nodes', '--concurrency', '--key-algorithm', '--json', '--keep']) assert.match(stdout.text, o);
});

test.run();
