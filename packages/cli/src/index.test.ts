import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as cli from './index.js';

test('the public surface: main, buildProgram, normalizeCfsslArgv', async () => {
  assert.equal(Object.keys(cli).sort(), ['buildProgram', 'main', 'normalizeCfsslArgv']);
  let out = '';
  const code = await cli.main(['node', 'tlsboot', '--version'], { stdout: { write: (s: string) => (out += s) } });
  assert.is(code, 0);
  assert.ok(out.length > 0);
});

test.run();
