import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StepFailure } from '../run-context.js';
import type { TestRun } from '../testing.js';
import { here, startTestRun } from '../testing.js';
import { runStep } from './index.js';

let run: TestRun;

test.before(async () => {
  run = await startTestRun();
});
test.after(async () => {
  await run?.close();
});

test('delete a ConfigMap (namespace default when left out); deleting it again fails with the apiserver\'s NotFound message', async () => {
  await run.ctx.admin.create('/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
  await runStep(run.ctx, { delete: { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings' }, source: here() });
  const left = await run.ctx.admin.get<{ items: unknown[] }>('/api/v1/namespaces/default/configmaps');
  assert.is(left.items.length, 0);
  const source = here('spec.steps[2].delete');
  try {
    await runStep(run.ctx, { delete: { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'default' }, source });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, StepFailure);
    assert.is((err as StepFailure).message, 'Error from server (NotFound): configmaps "settings" not found');
    assert.is((err as StepFailure).source, source);
  }
});

test('a cluster-scoped object (ClusterRoleBinding) and an unknown kind', async () => {
  const crbs = '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings';
  await run.ctx.admin.create(crbs, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'extra' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'auditors' }],
  });
  await runStep(run.ctx, { delete: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'extra', namespace: 'ignored' }, source: here() });
  const gone = await run.ctx.admin.get(`${crbs}/extra`).then(() => 'present', (err: unknown) => (err as { reason?: string }).reason);
  assert.is(gone, 'NotFound');
  try {
    await runStep(run.ctx, { delete: { apiVersion: 'v1', kind: 'Widget', name: 'x' }, source: here() });
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'no matches for kind "Widget" in version "v1"');
  }
});

test.run();
