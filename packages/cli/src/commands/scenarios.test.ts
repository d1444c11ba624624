// `tlsboot run | validate | list | explain` on small scenario files written here (issue 7):
// exit codes 0 pass, 1 an expectation failed, 2 invalid input; Ctrl-C / SIGTERM during a run
// stop every component, remove the run's work directory and exit 130 / 143, as a shell reports
// a process killed by that signal (128 + signal number).
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../main.js';
import { tempDirs, tlsboot } from '../testing.js';

const dirs = tempDirs('tlsboot-scenarios-');

const scenario = (name: string, spec: string): string => `apiVersion: tlsboot/v1alpha1
kind: Scenario
metadata: { name: ${name} }
spec:
  description: ${name} does a small thing. More words here.
  category: tutorial
  references: [{ id: CIS 1.2.1 }]
${spec}`;

const passing = scenario('t2-pass', `  steps:
    - expect: [{ object: { apiVersion: v1, kind: Namespace, name: kube-system } }]
`);
const failing = scenario('t2-fail', `  steps:
    - name: the default namespace is gone
      expect: [{ object: { apiVersion: v1, kind: Namespace, name: default, absent: true } }]
    - expect: [{ object: { apiVersion: v1, kind: Namespace, name: kube-system } }]
`);
const invalid = scenario('t2-invalid', `  steps:
    - expect: [{ objet: { apiVersion: v1, kind: Namespace, name: default } }]
`);

async function library(files: Record<string, string>): Promise<string> {
  const dir = await dirs.fresh();
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

test('run: exit 0 when every expectation holds — PASS line, the narration, the count', async () => {
  const cwd = await library({ 'pass.yaml': passing });
  const r = await tlsboot(cwd, ['run', 'pass.yaml', '--no-golden']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^PASS t2-pass \(1 steps, \d+\.\d s\)$/m);
  assert.match(r.stdout, /✔ Namespace kube-system exists/);
  assert.match(r.stdout, /\n1 passed, 0 failed\n$/);
  assert.is(r.stderr, '');
});

test('run: exit 1 when an expectation fails — FAIL line on stderr with the step, its file:line:column and path', async () => {
  const cwd = await library({ 'pass.yaml': passing, 'fail.yaml': failing });
  const r = await tlsboot(cwd, ['run', '.', '--no-golden', '-o', 'summary']);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`^FAIL t2-fail: step 1 \\(.*\\) at ${join(cwd, 'fail.yaml').replace(/[.]/g, '\\.')}:\\d+:\\d+ spec\\.steps\\[0\\]`, 'm'));
  assert.match(r.stdout, /^PASS t2-pass/m);
  assert.match(r.stdout, /\n1 passed, 1 failed\n$/);
});

test('run / validate: exit 2 for an invalid file — nothing runs, the problem named by file:line:column and path', async () => {
  const cwd = await library({ 'pass.yaml': passing, 'bad.yaml': invalid });
  for (const command of ['run', 'validate']) {
    const r = await tlsboot(cwd, [command, '.']);
    assert.is(r.code, 2, command);
    assert.match(r.stderr, new RegExp(`^${join(cwd, 'bad.yaml').replace(/[.]/g, '\\.')}:\\d+:\\d+: spec\\.steps\\[0\\]`, 'm'));
    assert.match(r.stderr, 'objet');
    assert.is(r.stdout, '', `${command}: nothing ran`);
  }
  const missing = await tlsboot(cwd, ['run', 'nope.yaml']);
  assert.is(missing.code, 2);
});

test('validate, list, explain: what they print for valid files', async () => {
  const cwd = await library({ 'pass.yaml': passing, 'fail.yaml': failing });
  const v = await tlsboot(cwd, ['validate', '.']);
  assert.is(v.code, 0, v.stderr);
  assert.is(v.stdout, `ok ${join(cwd, 'fail.yaml')} (t2-fail)\nok ${join(cwd, 'pass.yaml')} (t2-pass)\n`);
  const l = await tlsboot(cwd, ['list', '.']);
  assert.is(l.code, 0, l.stderr);
  assert.equal(l.stdout.split('\n'), [
    'NAME     CATEGORY          REFERENCES / DESCRIPTION',
    't2-fail  tutorial          [CIS 1.2.1] t2-fail does a small thing.',
    't2-pass  tutorial          [CIS 1.2.1] t2-pass does a small thing.',
    '',
  ]);
  const e = await tlsboot(cwd, ['explain', 'fail.yaml']);
  assert.is(e.code, 0, e.stderr);
  assert.match(e.stdout, /^t2-fail — t2-fail does a small thing\. More words here\./);
  assert.match(e.stdout, /Steps:\n {2}1\. /);
  const byName = await tlsboot(cwd, ['explain', 'no-such-scenario']);
  assert.is(byName.code, 2);
  assert.match(byName.stderr, 'tlsboot: no scenario named "no-such-scenario" in the library (tlsboot list shows them)');
});

test('tour (npm start): the scenario narrated, its PASS line, then three lines of what to try next; exit 1 when it fails', async () => {
  const cwd = await library({ 'pass.yaml': passing, 'fail.yaml': failing });
  const r = await tlsboot(cwd, ['tour', '--scenario', 'pass.yaml']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^tlsboot: running t2-pass \(\S+pass\.yaml\) — t2-pass does a small thing\.\n/);
  assert.match(r.stdout, /scenario t2-pass: passed/);
  const tail = r.stdout.slice(r.stdout.indexOf('\nPASS t2-pass'));
  const lines = tail.split('\n').slice(2).filter((l) => l !== '');
  assert.is(lines[0], 'What next:');
  assert.equal(lines.slice(1).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' ')), ['tlsboot list', 'tlsboot run', 'tlsboot up']);
  const failed = await tlsboot(cwd, ['tour', '--scenario', 'fail.yaml']);
  assert.is(failed.code, 1);
  assert.match(failed.stderr, /^FAIL t2-fail: step 1/m);
});

/** TCP servers this process listens on (each component of a run is one). */
const servers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

/** Runs `tlsboot run FILE` in-process and aborts it with `reason` once `when` resolves. */
async function interrupted(cwd: string, file: string, reason: string, when: () => Promise<void>) {
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  const exited = main(['node', 'tlsboot', 'run', file, '--no-golden', '-o', 'summary'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(['']),
    cwd,
    env: {},
    signal: controller.signal,
  });
  await when();
  controller.abort(reason);
  return { code: await exited, stdout, stderr };
}

async function runDirs(prefix: string): Promise<string[]> {
  return (await readdir(tmpdir())).filter((d) => d.startsWith(prefix)).map((d) => join(tmpdir(), d));
}

test('run interrupted (SIGINT) during a step: exit 130, the step named, every component stopped, the work directory removed', async () => {
  const name = `t2-int-${process.pid}`;
  // a real clock and a wait that never ends by itself: only the interrupt ends this run
  const cwd = await library({
    'slow.yaml': scenario(name, `  clock: { mode: real }
  steps:
    - name: wait for a namespace nobody creates
      waitFor: { object: { apiVersion: v1, kind: Namespace, name: never }, timeout: 10m }
    - expect: [{ object: { apiVersion: v1, kind: Namespace, name: default } }]
`),
  });
  const before = servers();
  let workdir: string | undefined;
  const r = await interrupted(cwd, 'slow.yaml', 'SIGINT', async () => {
    for (let i = 0; i < 300 && !(workdir && existsSync(join(workdir, 'admin.kubeconfig'))); i++) {
      workdir = (await runDirs(`tlsboot-${name}-`))[0];
      await new Promise((res) => setTimeout(res, 50));
    }
    await new Promise((res) => setTimeout(res, 500));
  });
  assert.ok(workdir, 'the run made its work directory');
  assert.is(r.code, 130, r.stderr);
  assert.is(r.stderr, `tlsboot: SIGINT: scenario ${name} interrupted at step 1 (${'wait for a namespace nobody creates'}); every component stopped, its work directory ${workdir} is removed\n`);
  assert.not.ok(existsSync(workdir!), 'the work directory is gone');
  assert.is(servers(), before, 'no server left listening');
});

test('run interrupted (SIGTERM) while the cluster starts: exit 143, start-up finished then stopped, nothing left', async () => {
  const name = `t2-term-${process.pid}`;
  const cwd = await library({ 'a.yaml': scenario(name, '  steps: []\n'), 'b.yaml': passing });
  const before = servers();
  const r = await interrupted(cwd, '.', 'SIGTERM', async () => {});
  assert.is(r.code, 143, r.stderr);
  assert.match(r.stderr, new RegExp(`^tlsboot: SIGTERM: scenario ${name} interrupted while the cluster was starting; every component stopped, its work directory \\S+ is removed; 1 more scenario not run\\n$`));
  assert.equal(await runDirs(`tlsboot-${name}-`), []);
  assert.is(servers(), before, 'no server left listening');
});

test.after(dirs.removeAll);
test.run();
