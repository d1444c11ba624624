import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from './main.js';
import { tlsboot } from './testing.js';

test('--help exits 0 and shows the commands, the exit codes and examples', async () => {
  const r = await tlsboot(process.cwd(), ['--help']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /Usage: tlsboot/);
  for (const word of ['demo', 'up', 'pki', 'Exit codes', 'Examples:']) assert.match(r.stdout, word);
  assert.is(r.stderr, '');
});

test('every command has --help with examples, exit 0', async () => {
  for (const command of [['demo'], ['up'], ['pki'], ['pki', 'ca'], ['pki', 'csr'], ['pki', 'gencert'], ['pki', 'certinfo'], ['pki', 'verify']]) {
    const r = await tlsboot(process.cwd(), [...command, '--help']);
    assert.is(r.code, 0, command.join(' '));
    assert.match(r.stdout, `Usage: tlsboot ${command.join(' ')}`);
    assert.match(r.stdout, 'Examples', `${command.join(' ')} --help has examples`);
  }
});

test('--version prints the package version', async () => {
  const r = await tlsboot(process.cwd(), ['--version']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('an unknown option exits 2 with a message naming it', async () => {
  const r = await tlsboot(process.cwd(), ['pki', 'ca', '--cn', 'x', '--frobnicate']);
  assert.is(r.code, 2);
  assert.match(r.stderr, "tlsboot: unknown option '--frobnicate'");
  assert.match(r.stderr, '--help');
  assert.is(r.stdout, '');
});

test('an unknown command, a missing subcommand and a bad option value exit 2', async () => {
  assert.is((await tlsboot(process.cwd(), ['frobnicate'])).code, 2);
  const bare = await tlsboot(process.cwd(), ['pki']);
  assert.is(bare.code, 2);
  assert.match(bare.stderr, 'Usage: tlsboot pki');
  const bad = await tlsboot(process.cwd(), ['pki', 'verify', '--ca-file', 'ca.pem', '--at', 'yesterday', 'x.pem']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, "option '--at <time>' argument 'yesterday' is invalid");
  assert.not.match(bad.stderr, /\n\s+at /, 'no stack trace');
});

test('an unexpected error prints its stack and exits 1', async () => {
  let stderr = '';
  const code = await main(['node', 'tlsboot', '--version'], {
    stdout: { write: () => { throw new Error('disk on fire'); } },
    stderr: { write: (s: string) => (stderr += s) },
  });
  assert.is(code, 1);
  assert.match(stderr, 'tlsboot: unexpected error');
  assert.match(stderr, /Error: disk on fire\n\s+at /);
});

test.run();
