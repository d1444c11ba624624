// The bundled CLI (scripts/bundle.mjs; the bin runs it while it is fresh) behaves as the sources
// do: the files it finds beside its sources (package.json, scenarios/, the scenario schema) and
// the scenario schema's validator precompiled by ajv's standalone mode, whose errors must read
// exactly as those of the validator schema.ts compiles; and the worker threads it starts
// (issue 8, cold start).
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDirs, tlsboot, type Run } from './testing.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dirs = tempDirs('tlsboot-bundle-');
test.after(dirs.removeAll);

function node(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [...args], { cwd, env: {} }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

let bundle: string | undefined;
async function bundled(): Promise<string> {
  if (bundle === undefined) {
    const out = join(await dirs.fresh(), 'nested', 'bundle');
    const made = await node([join(root, 'packages/cli/scripts/bundle.mjs'), out], root);
    assert.is(made.code, 0, made.stderr);
    bundle = join(out, 'tlsboot.js');
  }
  return bundle;
}

const scenario = (steps: string[], extra: string[] = []): string =>
  ['apiVersion: tlsboot/v1alpha1', 'kind: Scenario', 'metadata: {name: bad}', 'spec:', '  description: x', ...extra, '  nodes:', '    - name: k8s01', '      kubelet: {}', '  steps:', ...steps, ''].join('\n');

test('the bundle finds its package.json and the scenario library where the sources do', async () => {
  const cwd = await dirs.fresh();
  const file = await bundled();
  for (const args of [['--version'], ['list']]) {
    const [viaBundle, viaSources] = [await node([file, ...args], cwd), await tlsboot(cwd, args)];
    assert.equal(viaBundle, viaSources, args.join(' '));
    assert.is(viaBundle.code, 0);
  }
});

test('the precompiled scenario validator: every schema problem reads as the compiled one reports it (file:line:column, path, message)', async () => {
  const cwd = await dirs.fresh();
  const dir = join(cwd, 'bad');
  await mkdir(dir);
  const files: Record<string, string> = {
    'typo.yaml': scenario(['    - advnce: 10m', '    - createToken: {as: a, tll: 1h}']),
    'unknown-step.yaml': scenario(['    - reboot: kubelet/k8s01']),
    'types.yaml': scenario(['    - start: 5', '    - expect: {node: {name: k8s01}}', '    - advance: 10']),
    'one-of.yaml': scenario(['    - start: kube-apiserver', '      stop: kube-apiserver', '    - name: only a name', '    - request: {as: {admin: true, anonymous: true}, verb: get, path: /}']),
    'required.yaml': ['apiVersion: tlsboot/v1', 'kind: Scenario', 'metadata: {}', 'spec:', '  seed: -1', '  clock: {mode: virtal}', ''].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const viaBundle = await node([await bundled(), 'run', 'bad/'], cwd);
  const viaSources = await tlsboot(cwd, ['run', 'bad/']);
  assert.is(viaSources.code, 2);
  assert.match(viaSources.stderr, 'unknown field "advnce" (did you mean "advance"?)');
  assert.match(viaSources.stderr, 'a step needs exactly one action, found "start" and "stop"');
  assert.match(viaSources.stderr, 'needs exactly one of admin, anonymous, token, certificate, node, serviceAccount, found "admin" and "anonymous"');
  assert.match(viaSources.stderr, '"virtal" is not one of virtual, real (did you mean "virtual"?)');
  assert.equal(viaBundle, viaSources);
});

test('the join storm from the bundle: its kubelet-hosting worker thread runs the bundled worker (no tlsboot-source condition needed)', async () => {
  const cwd = await dirs.fresh();
  const run = await node([await bundled(), 'bench', '--nodes', '2', '--json'], cwd);
  assert.is(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { ok: boolean; workers: number; errors: string[] };
  assert.equal({ ok: report.ok, errors: report.errors }, { ok: true, errors: [] });
  assert.ok(report.workers >= 1, `workers: ${report.workers}`);
});

test.run();
