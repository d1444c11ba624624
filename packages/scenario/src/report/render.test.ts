import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderHtml } from './html.js';
import { parseJsonLines, renderJsonLines } from './jsonl.js';
import { renderJUnit } from './junit.js';
import { mermaidText, renderMermaid } from './mermaid.js';
import { articleFlow, failingRun } from './testdata/fixture.js';

test('jsonl: one object per line, seq/time/component/type first, the rest sorted; round-trips', () => {
  const text = renderJsonLines(articleFlow);
  const lines = text.trimEnd().split('\n');
  assert.is(lines.length, articleFlow.length);
  assert.match(lines[0]!, /^\{"seq":1,"time":"[^"]+","component":"scenario","type":"scenario.started","clock":"virtual","scenario":"article-flow","seed":7\}$/);
  assert.equal(parseJsonLines(text), articleFlow);
  assert.is(renderJsonLines(parseJsonLines(text)), text, 'stable');
  assert.throws(() => parseJsonLines('{}\nnot json'), /trace line 2/);
});

/** No line of the diagram may carry a raw `;`, `#` (outside entity codes) or `"`. */
function assertMermaidSafe(m: string): void {
  for (const line of m.split('\n').slice(1)) {
    if (line === '') continue;
    const text = line.replace(/^ {2}(\w+-{1,2}>>\w+: |Note over \w+: |participant \w+ as )/, '');
    assert.is.not(text, line, `unexpected line shape: ${line}`);
    assert.not.match(text.replace(/#(\d+|quot|lt|gt);/g, ''), /[;#"<>]/, line);
  }
}

test('mermaid: a sequenceDiagram with the components, CSR arrows and decision notes, safely escaped', () => {
  const m = renderMermaid(articleFlow);
  assert.ok(m.startsWith('sequenceDiagram\n'));
  for (const p of ['participant kubelet_k8s01 as kubelet/k8s01', 'participant kube_apiserver as kube-apiserver', 'participant kube_controller_manager as kube-controller-manager', 'participant kube_proxy_k8s01 as kube-proxy/k8s01']) assert.ok(m.includes(p), p);
  assert.match(m, /kubelet_k8s01->>kube_apiserver: POST \/apis\/certificates\.k8s\.io\/v1\/certificatesigningrequests\n/);
  assert.match(m, /Note over kube_apiserver: system:bootstrap:abcdef by bootstrap-token · Allow: RBAC: allowed by ClusterRoleBinding #quot;kubeadm:kubelet-bootstrap#quot;/);
  assert.match(m, /Note over kube_controller_manager: csr-[a-z0-9]{5} AutoApproved/);
  assert.match(m, /kube_apiserver->>kubelet_k8s01: GET \/healthz as kube-apiserver-kubelet-client/);
  assert.match(m, /folded/);
  assertMermaidSafe(m);
  assert.is(mermaidText('a;b#c"d<e>'), 'a#59;b#35;c#quot;d#lt;e#gt;');
  assertMermaidSafe(renderMermaid(failingRun));
});

test('html: self-contained, escaped, with certificates, decisions and expectations', () => {
  const h = renderHtml(articleFlow);
  assert.ok(h.startsWith('<!doctype html>'));
  assert.not.match(h, /<script|<link|src=["']?https?:|href=["']?https?:|@import/i);
  assert.match(h, /Scenario <b>article-flow<\/b>: passed/);
  assert.match(h, /<td>kubernetes\.io\/kubelet-serving<\/td><td>O=system:nodes, CN=system:node:k8s01<\/td><td>DNS:k8s01, IP:127\.0\.0\.1<\/td>/);
  assert.match(h, /SubjectAccessReview allowed: RBAC: allowed by ClusterRoleBinding &quot;kubeadm:node-autoapprove-bootstrap&quot;/);
  assert.match(h, /<pre class="mermaid">\nsequenceDiagram/);
  const bad = renderHtml(failingRun);
  assert.match(bad, /failed \(1\)/);
  assert.match(bad, /csr &lt;x&gt; &amp; &quot;y&quot;/);
  assert.not.match(bad, /<x>|<none>|<selector>/);
});

/** A tiny well-formedness check: tags nest and close, attributes are quoted, no raw `&` or `<`. */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\n/, '');
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z]+)((?:\s+[a-z]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(body)) !== null) {
    at = re.lastIndex;
    if (m[5] !== undefined) {
      assert.not.match(m[5].replace(/&(amp|lt|gt|quot|apos);/g, ''), /[&<]/);
      continue;
    }
    if (m[1]) assert.is(stack.pop(), m[2]);
    else if (!m[4]) stack.push(m[2]!);
    assert.not.match((m[3] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, ''), /&/);
  }
  assert.is(at, body.length, `unparsed XML at ${at}: ${body.slice(at, at + 40)}`);
  assert.equal(stack, []);
}

test('junit: one suite per scenario, one case per expectation, failures with messages, well-formed XML', () => {
  const ok = renderJUnit(articleFlow);
  assertWellFormed(ok);
  assert.match(ok, /<testsuites tests="5" failures="0">/);
  assert.match(ok, /<testsuite name="article-flow" tests="5" failures="0"/);
  assert.match(ok, /<testcase name="step 4: serving CSR pending" classname="article-flow" time="[\d.]+"\/>/);
  const bad = renderJUnit(failingRun);
  assertWellFormed(bad);
  assert.match(bad, /<testsuite name="bad &lt;&quot;&amp;&apos;&gt; run" tests="2" failures="2"/);
  assert.match(bad, /<failure message="wanted Approved; got &lt;none&gt; &amp; &quot;Pending&quot;">/);
  assert.match(bad, /<testcase name="step 2: approve"[^>]*>\n\s*<failure message="no CSR matches &lt;selector&gt;">/);
});

test.run();
