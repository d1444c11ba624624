// `tlsboot token create|list|delete` as kubeadm token prints them (cmd/kubeadm/app/cmd/token.go),
// against a control plane started in-process with scenario's startControlPlane.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startControlPlane } from '@tlsboot/scenario';
import type { ControlPlane } from '@tlsboot/scenario';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDirs, tlsboot } from '../testing.js';

const dirs = tempDirs('tlsboot-token-');
let cwd: string;
let cp: ControlPlane;

test.before(async () => {
  cwd = await dirs.fresh();
  cp = await startControlPlane({ workdir: join(cwd, 'cluster'), clock: realClock });
});
test.after(async () => {
  await cp.stop();
  await dirs.removeAll();
});

const tokenScenario = `apiVersion: tlsboot/v1alpha1
kind: Scenario
metadata: { name: t2-token }
spec:
  description: Token options from a scenario.
  steps:
    - expect: [{ object: { apiVersion: v1, kind: Namespace, name: default } }]
    - createToken: { as: k8s01, groups: [system:bootstrappers:k8s01], usages: [authentication], ttl: 2h, description: bootstrap token for k8s01 }
    - createToken: { as: other, description: not this one }
`;

test('create --scenario: the first createToken step\'s groups, usages, ttl and description as defaults; the flags given win', async () => {
  await writeFile(join(cwd, 's.yaml'), tokenScenario);
  const created = await tlsboot(cwd, ['token', 'create', '--workdir', 'cluster', '--scenario', 's.yaml']);
  assert.is(created.code, 0, created.stderr);
  const token = created.stdout.trim();
  const flagged = await tlsboot(cwd, ['token', 'create', '--workdir', 'cluster', '--scenario', 's.yaml', '--ttl', '0', '--groups', 'system:bootstrappers:k8s02']);
  assert.is(flagged.code, 0, flagged.stderr);
  const token2 = flagged.stdout.trim();
  const rows = (await tlsboot(cwd, ['token', 'list', '--workdir', 'cluster'])).stdout.split('\n');
  const row = rows.find((r) => r.startsWith(token))!;
  assert.match(row, /^\S+ +(1h|2h) +\S+ +authentication +bootstrap token for k8s01 +system:bootstrappers:k8s01$/);
  const row2 = rows.find((r) => r.startsWith(token2))!;
  assert.match(row2, /^\S+ +<forever> +<never> +authentication +bootstrap token for k8s01 +system:bootstrappers:k8s02$/);
  for (const t of [token, token2]) await tlsboot(cwd, ['token', 'delete', '--workdir', 'cluster', t]);
});

test('create --scenario without a createToken step, or invalid: exit 2 naming the file, no token created', async () => {
  await writeFile(join(cwd, 'none.yaml'), tokenScenario.replace(/    - createToken.*\n/g, ''));
  const none = await tlsboot(cwd, ['token', 'create', '--workdir', 'cluster', '--scenario', 'none.yaml']);
  assert.is(none.code, 2);
  assert.is(none.stderr, 'tlsboot: --scenario none.yaml: scenario t2-token has no createToken step to take the token options from\n');
  const missing = await tlsboot(cwd, ['token', 'create', '--workdir', 'cluster', '--scenario', 'nope.yaml']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, `nope.yaml:1:1: cannot read the scenario: no such file`);
  assert.is((await tlsboot(cwd, ['token', 'list', '--workdir', 'cluster'])).stdout, '');
});

const header = 'TOKEN                     TTL         EXPIRES                USAGES                   DESCRIPTION                                                EXTRA GROUPS';

test('create prints only the token; list shows it as kubeadm token list does; delete prints kubeadm\'s line', async () => {
  const created = await tlsboot(cwd, ['token', 'create', '--workdir', 'cluster', '--description', 'worker-1 join']);
  assert.is(created.code, 0, created.stderr);
  assert.match(created.stdout, /^[a-z0-9]{6}\.[a-z0-9]{16}\n$/);
  const token = created.stdout.trim();

  const listed = await tlsboot(cwd, ['token', 'list', '--workdir', 'cluster']);
  assert.is(listed.code, 0, listed.stderr);
  const [head, row, end] = listed.stdout.split('\n');
  assert.is(head, header);
  assert.match(row!, new RegExp(`^${token.replace('.', '\\.')}   2[34]h         \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ   authentication,signing   worker-1 join {46}system:bootstrappers:kubeadm:default-node-token$`));
  assert.is(end, '');

  const deleted = await tlsboot(cwd, ['token', 'delete', '--workdir', 'cluster', token.slice(0, 6)]);
  assert.equal(deleted, { code: 0, stdout: `bootstrap token "${token.slice(0, 6)}" deleted\n`, stderr: '' });
  assert.equal(await tlsboot(cwd, ['token', 'list', '--workdir', 'cluster']), { code: 0, stdout: '', stderr: '' }, 'no tokens: no output at all');
});

test('create [token] --ttl 0 --usages/--groups (repeatable, comma-separated): never expires; delete takes several', async () => {
  const a = await tlsboot(cwd, ['token', 'create', 'abcdef.0123456789abcdef', '--workdir', 'cluster', '--ttl', '0', '--usages', 'authentication', '--groups', 'system:bootstrappers:a,system:bootstrappers:b', '--groups', 'system:bootstrappers:c']);
  assert.equal(a, { code: 0, stdout: 'abcdef.0123456789abcdef\n', stderr: '' });
  const b = await tlsboot(cwd, ['token', 'create', 'ghijkl.0123456789abcdef', '--workdir', 'cluster', '--ttl', '90m', '--usages', 'signing', '--groups', '']);
  assert.is(b.code, 0, b.stderr);
  const listed = await tlsboot(cwd, ['token', 'list', '--workdir', 'cluster']);
  const lines = listed.stdout.split('\n');
  assert.is(lines[1], `abcdef.0123456789abcdef   <forever>   <never>   authentication           ${'<none>'.padEnd(56)}   system:bootstrappers:a,system:bootstrappers:b,system:bootstrappers:c`);
  assert.match(lines[2]!, /^ghijkl\.0123456789abcdef   1h          \S+Z   signing                  <none> {53}<none>$/);
  const deleted = await tlsboot(cwd, ['token', 'delete', '--workdir', 'cluster', 'abcdef.0123456789abcdef', 'ghijkl']);
  assert.is(deleted.stdout, 'bootstrap token "abcdef" deleted\nbootstrap token "ghijkl" deleted\n');
});

test('errors: kubeadm\'s messages, exit 1; bad --ttl is a usage error, exit 2', async () => {
  const badToken = await tlsboot(cwd, ['token', 'create', 'ABCDEF.0123456789abcdef', '--workdir', 'cluster']);
  assert.equal(badToken, {
    code: 1,
    stdout: '',
    stderr: 'tlsboot: the bootstrap token "ABCDEF.0123456789abcdef" was not of the form "\\\\A([a-z0-9]{6})\\\\.([a-z0-9]{16})\\\\z"\n',
  });
  const badGroup = await tlsboot(cwd, ['token', 'create', '--workdir', 'cluster', '--groups', 'system:nodes']);
  assert.is(badGroup.code, 1);
  assert.is(
    badGroup.stderr,
    'tlsboot: bootstrapTokens.0.groups: Invalid value: []string{"system:nodes"}: bootstrap group "system:nodes" is invalid (must match \\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z)\n',
  );
  const badTtl = await tlsboot(cwd, ['token', 'create', '--workdir', 'cluster', '--ttl', '1d']);
  assert.is(badTtl.code, 2);
  assert.match(badTtl.stderr, `tlsboot: option '--ttl <duration>' argument '1d' is invalid. time: invalid duration "1d"`);
  const missing = await tlsboot(cwd, ['token', 'delete', '--workdir', 'cluster', 'zzzzzz']);
  assert.equal(missing, { code: 1, stdout: '', stderr: 'tlsboot: failed to delete bootstrap token "zzzzzz": secrets "bootstrap-token-zzzzzz" not found\n' });
  const none = await tlsboot(cwd, ['token', 'delete', '--workdir', 'cluster']);
  assert.is(none.code, 1);
  assert.match(none.stderr, "tlsboot: missing argument; 'token delete' is missing token of form");
  const nowhere = await tlsboot(cwd, ['token', 'list', '--workdir', 'nowhere']);
  assert.is(nowhere.code, 1);
  assert.match(nowhere.stderr, `start a control plane first: tlsboot up --workdir ${join(cwd, 'nowhere')}\n`);
});

test('the default work directory is .tlsboot, as for tlsboot up', async () => {
  const r = await tlsboot(cwd, ['token', 'list']);
  assert.is(r.code, 1);
  assert.match(r.stderr, `error loading config file "${join(cwd, '.tlsboot', 'admin.kubeconfig')}"`);
});

test.run();
