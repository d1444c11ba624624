// The real kubectl (v1.32) managing RBAC objects on a live tlsboot apiserver with its defaults
// (Node,RBAC, kubeadm policy). `kubectl create role|rolebinding|clusterrole|clusterrolebinding`
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_role.go, create_rolebinding.go,
// create_clusterrole.go, create_clusterrolebinding.go) send their objects as protobuf
// (staging/src/k8s.io/api/rbac/v1/generated.proto); the server validates them
// (pkg/apis/rbac/validation/validation.go), stops privilege escalation
// (pkg/registry/rbac/role/policybased/storage.go, pkg/registry/rbac/escalation_check.go) and the
// RBAC authorizer then decides with them (plugin/pkg/auth/authorizer/rbac/rbac.go). The article's
// two questions (reference/k8s-authn-authz.md §4.6, §7): a RoleBinding may reference a
// ClusterRole (its rules then apply in the binding's namespace only); a ClusterRoleBinding may not
// reference a Role — `kubectl create clusterrolebinding` has no `--role` flag, so the manifest goes
// through `kubectl apply -f` and kubectl prints the server's 422. Skips (with a `skip:` line) when
// kubectl is absent.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTraceSink, startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer, RequestAuthorizedEvent } from '@tlsboot/kube-apiserver';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasKubectl, kubectlEnv, runKubectl, writeCertKubeconfig } from './support/kubectl.js';
import type { KubectlRun } from './support/kubectl.js';

let server: ApiServer;
let dir: string;
const trace = new MemoryTraceSink();

/** A kubeconfig of its own for one client certificate (CN = user, O = groups). */
interface Identity {
  name: string;
  kubeconfig: string;
}
const identities: Record<string, Identity> = {};

async function certIdentity(name: string, organizations: string[] = []): Promise<Identity> {
  const { kubeconfig } = await writeCertKubeconfig({ dir, file: name, server, user: name }, name, organizations);
  return { name, kubeconfig };
}

function kubectl(who: string, ...args: string[]): Promise<KubectlRun> {
  const id = identities[who]!;
  return runKubectl(kubectlEnv(dir, id.kubeconfig, join('cache', id.name)), args);
}

/** kubectl as the admin; must succeed. */
async function admin(...args: string[]): Promise<string> {
  const r = await kubectl('admin', ...args);
  assert.is(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** `kubectl auth can-i` as `who`: the answer line. */
async function canI(who: string, ...args: string[]): Promise<string> {
  return (await kubectl(who, 'auth', 'can-i', ...args)).stdout.trim();
}

/** The reason of the last authorization decision about `attributes` (as the trace describes them). */
function lastReason(attributes: string): string | undefined {
  const events = trace.events.filter((e): e is RequestAuthorizedEvent => e.type === 'request.authorized' && e.attributes === attributes);
  return events.at(-1)?.reason;
}

test.before(async () => {
  if (!hasKubectl) return;
  // kubectl checks the serving certificate against the wall clock: run on the real clock
  server = await startApiServer({ clock: realClock, trace });
  dir = await mkdtemp(join(tmpdir(), 'tlsboot-kubectl-rbac-'));
  identities['admin'] = await certIdentity('kubernetes-admin', ['system:masters']);
  identities['admin']!.name = 'admin';
  for (const [name, groups] of [['alice', []], ['bob', ['devs']], ['carol', []], ['dave', []]] as const) identities[name] = await certIdentity(name, [...groups]);
  await admin('create', 'namespace', 'team');
});

test.after(async () => {
  if (!hasKubectl) return;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

if (!hasKubectl) {
  console.log('skip: kubectl-rbac: `kubectl` is not installed');
} else {
  test('create_role.go: `kubectl create role --verb=get --resource=pods` (protobuf Role) — stored as sent', async () => {
    assert.is(await admin('create', 'role', 'pod-reader', '--verb=get', '--verb=list', '--resource=pods', '-n', 'team'), 'role.rbac.authorization.k8s.io/pod-reader created\n');
    const role = JSON.parse(await admin('get', 'role', 'pod-reader', '-n', 'team', '-o', 'json'));
    assert.equal(role.rules, [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
    // --resource-name and a resource of a named group
    await admin('create', 'role', 'web-config', '--verb=get', '--resource=configmaps', '--resource-name=web', '--resource=leases.coordination.k8s.io', '-n', 'team');
    const named = JSON.parse(await admin('get', 'role', 'web-config', '-n', 'team', '-o', 'json'));
    assert.equal(named.rules, [
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['web'], verbs: ['get'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['web'], verbs: ['get'] },
    ]);
  });

  test('create_rolebinding.go: `kubectl create rolebinding --role --user` — and the RBAC authorizer uses it on the next request', async () => {
    assert.is(await canI('alice', 'get', 'pods', '-n', 'team'), 'no');
    assert.is(await admin('create', 'rolebinding', 'alice-pods', '--role=pod-reader', '--user=alice', '-n', 'team'), 'rolebinding.rbac.authorization.k8s.io/alice-pods created\n');
    const binding = JSON.parse(await admin('get', 'rolebinding', 'alice-pods', '-n', 'team', '-o', 'json'));
    assert.equal([binding.roleRef, binding.subjects], [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }]]);
    const r = await kubectl('alice', 'get', 'pods', '-n', 'team');
    assert.equal([r.code, r.stderr], [0, 'No resources found in team namespace.\n']);
    assert.is(lastReason('list pods in namespace "team"'), 'RBAC: allowed by RoleBinding "alice-pods/team" of Role "pod-reader" to User "alice"');
    assert.is(await canI('alice', 'get', 'pods', '-n', 'default'), 'no');
    assert.is(await canI('alice', 'delete', 'pods', '-n', 'team'), 'no');
  });

  test('create_clusterrole.go + create_clusterrolebinding.go: a ClusterRole bound to a group and a ServiceAccount cluster-wide', async () => {
    assert.is(
      await admin('create', 'clusterrole', 'csr-reader', '--verb=get,list,watch', '--resource=certificatesigningrequests.certificates.k8s.io'),
      'clusterrole.rbac.authorization.k8s.io/csr-reader created\n',
    );
    assert.is(
      await admin('create', 'clusterrolebinding', 'devs-read-csrs', '--clusterrole=csr-reader', '--group=devs', '--serviceaccount=team:robot'),
      'clusterrolebinding.rbac.authorization.k8s.io/devs-read-csrs created\n',
    );
    const binding = JSON.parse(await admin('get', 'clusterrolebinding', 'devs-read-csrs', '-o', 'json'));
    assert.equal(binding.subjects, [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'robot', namespace: 'team' },
    ]);
    const r = await kubectl('bob', 'get', 'csr');
    assert.equal([r.code, r.stderr], [0, 'No resources found\n']);
    assert.is(lastReason('list certificatesigningrequests.certificates.k8s.io (cluster scope)'), 'RBAC: allowed by ClusterRoleBinding "devs-read-csrs" of ClusterRole "csr-reader" to Group "devs"');
    assert.is(await canI('admin', 'list', 'csr', '--as=system:serviceaccount:team:robot'), 'yes');
    assert.is(await canI('alice', 'list', 'csr'), 'no');
  });

  test('create_clusterrole.go: --non-resource-url and --aggregation-rule (protobuf PolicyRule.nonResourceURLs, AggregationRule)', async () => {
    await admin('create', 'clusterrole', 'log-reader', '--verb=get', '--non-resource-url=/logs/*');
    assert.equal(JSON.parse(await admin('get', 'clusterrole', 'log-reader', '-o', 'json')).rules, [{ nonResourceURLs: ['/logs/*'], verbs: ['get'] }]);
    await admin('create', 'clusterrole', 'monitoring', '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true');
    assert.equal(JSON.parse(await admin('get', 'clusterrole', 'monitoring', '-o', 'json')).aggregationRule, {
      clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }],
    });
  });

  test('question 1: `kubectl create rolebinding --clusterrole=view` grants view in that namespace only', async () => {
    await admin('create', 'rolebinding', 'carol-views-team', '--clusterrole=view', '--user=carol', '-n', 'team');
    assert.is(await canI('carol', 'list', 'configmaps', '-n', 'team'), 'yes');
    assert.is(await canI('carol', 'list', 'configmaps', '-n', 'default'), 'no');
    assert.is(await canI('carol', 'list', 'configmaps', '--all-namespaces'), 'no');
    // view never shows secrets
    assert.is(await canI('carol', 'get', 'secrets', '-n', 'team'), 'no');
  });

  test('question 2: a ClusterRoleBinding to a Role — `kubectl apply -f` prints the server\'s 422 (validation.go ValidateClusterRoleBinding)', async () => {
    const file = join(dir, 'crb-to-role.json');
    await writeFile(
      file,
      JSON.stringify({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'alice-pods-everywhere' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
      }),
    );
    assert.equal(await kubectl('admin', 'apply', '-f', file), {
      code: 1,
      stdout: '',
      stderr: 'The ClusterRoleBinding "alice-pods-everywhere" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"\n',
    });
    assert.is((await kubectl('admin', 'get', 'clusterrolebinding', 'alice-pods-everywhere')).code, 1);
    // `--clusterrole` takes any name: no ClusterRole is called pod-reader, so the binding grants
    // nothing and RBAC says why (rbac.go: the resolution errors become the reason)
    await admin('create', 'clusterrolebinding', 'dangling', '--clusterrole=pod-reader', '--user=alice');
    assert.is(await canI('alice', 'get', 'pods', '-n', 'default'), 'no - RBAC: clusterrole.rbac.authorization.k8s.io "pod-reader" not found');
  });

  test('escalation_check.go: creating a Role with rights you do not hold is 403; a RoleBinding too unless you may `bind` the role', async () => {
    await admin('create', 'role', 'role-maker', '--verb=create', '--resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io', '-n', 'team');
    await admin('create', 'rolebinding', 'dave-makes-roles', '--role=role-maker', '--user=dave', '-n', 'team');
    const role = await kubectl('dave', 'create', 'role', 'secret-reader', '--verb=get', '--resource=secrets', '-n', 'team');
    assert.equal([role.code, role.stderr], [
      1,
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "dave" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}\n',
    ]);
    // rights dave holds may be handed on
    assert.is((await kubectl('dave', 'create', 'role', 'more-role-makers', '--verb=create', '--resource=roles.rbac.authorization.k8s.io', '-n', 'team')).code, 0);

    await admin('create', 'clusterrole', 'secret-reader', '--verb=get', '--resource=secrets');
    const binding = await kubectl('dave', 'create', 'rolebinding', 'dave-secrets', '--clusterrole=secret-reader', '--user=dave', '-n', 'team');
    assert.equal([binding.code, binding.stderr], [
      1,
      'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "dave-secrets" is forbidden: user "dave" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}\n',
    ]);
    // the `bind` verb on that ClusterRole lifts the check (BindingAuthorized)
    await admin('create', 'role', 'bind-secret-reader', '--verb=bind', '--resource=clusterroles.rbac.authorization.k8s.io', '--resource-name=secret-reader', '-n', 'team');
    await admin('create', 'rolebinding', 'dave-binds', '--role=bind-secret-reader', '--user=dave', '-n', 'team');
    assert.is((await kubectl('dave', 'create', 'rolebinding', 'dave-secrets', '--clusterrole=secret-reader', '--user=dave', '-n', 'team')).stdout, 'rolebinding.rbac.authorization.k8s.io/dave-secrets created\n');
    assert.is(await canI('dave', 'get', 'secrets', '-n', 'team'), 'yes');
  });
}

test.run();
