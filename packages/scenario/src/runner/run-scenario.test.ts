import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { here, testNode, testScenario } from './testing.js';
import { runScenario } from './run-scenario.js';

test('runScenario: a token step, the kubelet starts once its token exists, joins (node-csr auto-approved and signed), then a year passes on the virtual clock', async () => {
  const scenario = testScenario({
    nodes: [testNode('k8s01')],
    steps: [
      { createToken: { as: 'default', groups: ['system:bootstrappers:kubeadm:default-node-token'] }, source: here('spec.steps[0]') },
      { advance: { ms: 60_000 }, source: here('spec.steps[1]') },
    ],
  });
  const result = await runScenario(scenario);
  assert.is(result.setupError, undefined);
  assert.equal(result.steps.map((s) => s.outcome), ['passed', 'passed'], JSON.stringify(result.steps));
  const types = result.events.map((e) => `${e.component}:${e.type}`);
  assert.ok(types.includes('kube-controller-manager:csr.approved'), 'approved');
  assert.ok(types.includes('kube-controller-manager:csr.signed'), 'signed');
  assert.ok(types.includes('kubelet:file.written'), 'files');
  const moved = result.events.find((e) => e.type === 'clock.moved');
  assert.ok(moved && moved.type === 'clock.moved');
  assert.is(moved.to, '2024-01-01T00:01:00.000Z');
  assert.ok(result.passed);
});

test.run();
