import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../main.js';
import { tempDirs } from '../testing.js';

const { fresh, removeAll } = tempDirs('tlsboot-cli-demo-');
test.after(removeAll);

async function demo(env: Record<string, string>, isTTY: boolean, ...args: string[]) {
  let stdout = '';
  const dir = await fresh();
  const code = await main(['node', 'tlsboot', 'demo', '--workdir', 'work', ...args], {
    stdout: { write: (s: string) => (stdout += s), isTTY },
    stderr: { write: (s: string) => (stdout += s) },
    cwd: dir,
    env,
  });
  return { code, stdout, dir };
}

test('demo runs the walk-through into --workdir (relative to the cwd), plain text off a terminal', async () => {
  const r = await demo({}, false);
  assert.is(r.code, 0, r.stdout);
  await access(join(r.dir, 'work', 'kube-proxy.pem'));
  assert.match(r.stdout, `All files are in ${join(r.dir, 'work')}`);
  assert.match(r.stdout, /\[10\/10\] kube-proxy/);
  assert.not.match(r.stdout, /\x1b\[/);
});

test('demo colours a terminal unless NO_COLOR is set', async () => {
  const tty = await demo({}, true);
  const noColor = await demo({ NO_COLOR: '1' }, true);
  assert.match(tty.stdout, /\x1b\[\d+m/);
  assert.not.match(noColor.stdout, /\x1b\[/);
});

test.run();
