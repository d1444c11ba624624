// The RBAC informer and the RBAC authorizer factory (pkg/kubeapiserver/authorizer/config.go):
// list then watch, lister NotFound texts, name order, waitFor, relist after an expired watch.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SeededRandom, VirtualClock } from '@tlsboot/util';
import type { KubeObject } from '@tlsboot/api';
import { ResourceRegistry } from '../../registry/registry.js';
import { MemoryStore } from '../../storage/index.js';
import type { Attributes, AuthorizationResult } from '../interfaces.js';
import { rbacAuthorizer, sharedRBACInformer, startedRBACInformer } from './config.js';
import { RBACInformer } from './informer.js';

const rbacGroup = 'rbac.authorization.k8s.io';
const admin = { name: 'admin', groups: ['system:masters'] };

function newRegistry(): { registry: ResourceRegistry; storage: MemoryStore } {
  const clock = new VirtualClock();
  const storage = new MemoryStore({ clock });
  return { registry: new ResourceRegistry({ storage, clock, random: new SeededRandom(1) }), storage };
}
const create = (r: ResourceRegistry, resource: string, obj: Record<string, unknown>) => r.store(rbacGroup, resource).create(obj as unknown as KubeObject, admin);
const clusterRole = (name: string, verbs: string[]) => ({ metadata: { name }, rules: [{ verbs, apiGroups: [''], resources: ['nodes'] }] });
const crb = (name: string, role: string, user: string) => ({ metadata: { name }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: role }, subjects: [{ kind: 'User', name: user, apiGroup: rbacGroup }] });
const get = (user: string, resource = 'nodes'): Attributes => ({ user: { name: user, groups: [] }, verb: 'get', isResourceRequest: true, path: '', namespace: '', apiGroup: '', apiVersion: 'v1', resource, subresource: '', name: '' });

test('lists what exists, then follows writes; waitFor resolves at the write\'s resourceVersion', async () => {
  const { registry, storage } = newRegistry();
  await create(registry, 'clusterroles', clusterRole('reader', ['get']));
  const informer = await RBACInformer.start(registry);
  assert.equal(informer.getClusterRole('reader').rules, [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }]);
  const b = await create(registry, 'clusterrolebindings', crb('b', 'reader', 'alice'));
  await informer.waitFor('clusterrolebindings', b.metadata.resourceVersion!);
  assert.equal(informer.listClusterRoleBindings().map((x) => x.metadata.name), ['b']);
  const a = await create(registry, 'clusterrolebindings', crb('a', 'reader', 'bob'));
  await informer.waitFor('clusterrolebindings', a.metadata.resourceVersion!);
  assert.equal(informer.listClusterRoleBindings().map((x) => x.metadata.name), ['a', 'b'], 'name order');
  const gone = await registry.store(rbacGroup, 'clusterrolebindings').delete('', 'b');
  await informer.waitFor('clusterrolebindings', gone.object.metadata.resourceVersion!);
  assert.equal(informer.listClusterRoleBindings().map((x) => x.metadata.name), ['a']);
  informer.stop();
  await informer.waitFor('roles', 10_000); // a stopped informer keeps nobody waiting
  storage.close();
});

test('lister errors are NotFound with the singular resource; rolebindings per namespace', async () => {
  const { registry, storage } = newRegistry();
  await create(registry, 'roles', { metadata: { name: 'r', namespace: 'ns1' }, rules: [] });
  await create(registry, 'rolebindings', { metadata: { name: 'rb', namespace: 'ns1' }, roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'r' }, subjects: [] });
  const informer = await RBACInformer.start(registry);
  assert.is(informer.getRole('ns1', 'r').metadata.name, 'r');
  assert.throws(() => informer.getRole('ns2', 'r'), (e: Error) => e.message === 'role.rbac.authorization.k8s.io "r" not found');
  assert.throws(() => informer.getClusterRole('x'), (e: Error) => e.message === 'clusterrole.rbac.authorization.k8s.io "x" not found');
  assert.equal(informer.listRoleBindings('ns1').map((x) => x.metadata.name), ['rb']);
  assert.equal(informer.listRoleBindings('ns2'), []);
  informer.stop();
  storage.close();
});

test('a watch closed for being too slow is followed by a relist: nothing written meanwhile is lost', async () => {
  const clock = new VirtualClock();
  const storage = new MemoryStore({ clock, watcherBufferSize: 1 });
  const registry = new ResourceRegistry({ storage, clock, random: new SeededRandom(1) });
  const informer = await RBACInformer.start(registry);
  const store = registry.store(rbacGroup, 'clusterroles');
  // five writes committed without yielding: the informer's watcher overflows its buffer of one
  const writes = ['r0', 'r1', 'r2', 'r3', 'r4'].map((name) => storage.create(store.key('', name), { ...clusterRole(name, ['get']), metadata: { name, uid: name } }));
  const written = await Promise.all(writes);
  await informer.waitFor('clusterroles', written[4]!.metadata.resourceVersion!);
  assert.equal(['r0', 'r1', 'r2', 'r3', 'r4'].map((n) => informer.getClusterRole(n).metadata.name), ['r0', 'r1', 'r2', 'r3', 'r4']);
  informer.stop();
  storage.close();
});

test('rbacAuthorizer(ctx): one shared informer per registry; a binding is honoured once the informer saw it', async () => {
  const { registry, storage } = newRegistry();
  await create(registry, 'clusterroles', clusterRole('reader', ['get']));
  const authz = await rbacAuthorizer({ registry });
  assert.is(authz.name, 'RBAC');
  assert.is(await startedRBACInformer(registry), await sharedRBACInformer(registry));
  assert.is(((await authz.authorize(get('alice'))) as AuthorizationResult).decision, 'NoOpinion');
  const b = await create(registry, 'clusterrolebindings', crb('read-nodes', 'reader', 'alice'));
  await (await sharedRBACInformer(registry)).waitFor('clusterrolebindings', b.metadata.resourceVersion!);
  assert.equal(await authz.authorize(get('alice')), { decision: 'Allow', reason: 'RBAC: allowed by ClusterRoleBinding "read-nodes" of ClusterRole "reader" to User "alice"' });
  const broken = await create(registry, 'clusterrolebindings', crb('broken', 'missing', 'bob'));
  await (await sharedRBACInformer(registry)).waitFor('clusterrolebindings', broken.metadata.resourceVersion!);
  const denied = (await authz.authorize(get('bob'))) as AuthorizationResult;
  assert.equal({ decision: denied.decision, reason: denied.reason }, { decision: 'NoOpinion', reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found' });
  assert.equal(await authz.rulesFor({ name: 'alice', groups: [] }, ''), { resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }], nonResourceRules: [], incomplete: false });
  (await sharedRBACInformer(registry)).stop();
  storage.close();
});

test.run();
