// Golden traces (kubernetes-sigs/kwok kustomize/stage/stage_test.go: golden files with placeholders).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareGolden, normalise } from './golden.js';
import { articleFlow } from './testdata/fixture.js';

test('normalise: placeholders for request ids, CSR names, serials, ports, work dirs; virtual times kept', () => {
  const lines = normalise(articleFlow);
  const text = lines.join('\n');
  assert.not.match(text, /\bcsr-[a-z0-9]{5}\b|tlsboot-record-|127\.0\.0\.1:\d|"serialNumber":"[0-9a-f]|-----BEGIN/);
  assert.match(text, /<csr-1>/);
  assert.match(text, /<csr-2>/);
  assert.match(text, /"serialNumber":"<serial-1>"/);
  assert.match(text, /<workdir>\/nodes\/k8s01\/pki\/kubelet-client-current\.pem/);
  assert.match(text, /127\.0\.0\.1:<port>/);
  assert.match(lines[0]!, /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z /);
  assert.ok(normalise(articleFlow, { clock: 'real' }).every((l) => l.startsWith('<time> ')));
  assert.ok(compareGolden(lines, normalise(articleFlow)).ok);
});

test('compareGolden: a changed event shows in a unified diff', () => {
  const golden = normalise(articleFlow);
  const changed = articleFlow.map((e) => (e.type === 'csr.approved' ? { ...e, reason: 'SomethingElse' } : e));
  const r = compareGolden(normalise(changed), golden);
  assert.is(r.ok, false);
  assert.match(r.diff, /^--- golden\n\+\+\+ actual\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
  assert.match(r.diff, /\n-.*"reason":"AutoApproved"/);
  assert.match(r.diff, /\n\+.*"reason":"SomethingElse"/);
  const dropped = compareGolden(golden.slice(1), golden);
  assert.match(dropped.diff, /@@ -1,4 \+1,3 @@\n-/);
});

test.run();
