// The scenario loader (load.ts): docs/scenarios.md's whole example loads into the normalised
// types.ts shape, and each bad input of issue 7 ("Bad input") gives one precise
// file:line:column: path: message.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ScenarioError, type ScenarioProblem } from './errors.js';
import { loadScenarioFile, loadScenarioFiles, parseScenario } from './load.js';

const docPath = new URL('../../../../docs/scenarios.md', import.meta.url);

/** The first ```yaml block of docs/scenarios.md, so the doc cannot drift from the loader. */
function docExample(): string {
  const m = /```yaml\n([\s\S]*?)```/.exec(readFileSync(docPath, 'utf8'));
  if (!m) throw new Error('docs/scenarios.md has no ```yaml block');
  return m[1]!;
}

function withDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'tlsboot-scenario-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('docs/scenarios.md: the whole example loads into the normalised types', () => {
  withDir((dir) => {
    mkdirSync(join(dir, 'rbac'));
    writeFileSync(join(dir, 'rbac/bootstrap-bindings.yaml'), 'apiVersion: v1\nkind: List\nitems: []\n');
    const file = join(dir, 'kubelet-first-csr.yaml');
    const at = (line: number, column: number, path: string) => ({ file, line, column, path });
    const scenario = parseScenario(docExample(), file);
    assert.equal(scenario, {
      apiVersion: 'tlsboot/v1alpha1',
      kind: 'Scenario',
      metadata: { name: 'kubelet-first-csr', labels: { 'tlsboot.dev/article-step': '5' } },
      spec: {
        description:
          "The kubelet's first CSR: a bootstrap token creates a node-client CSR, the controller-manager auto-approves and signs it, the kubelet writes its certificate and kubeconfig.\n",
        outcome: 'CSR Approved (AutoApproved) and Issued; the node is system:node:k8s01.',
        category: 'article',
        references: [{ id: 'KEP-43', title: 'Kubelet TLS bootstrap' }],
        clock: { mode: 'virtual', start: '2024-01-01T00:00:00Z' },
        seed: 7,
        cluster: {
          policy: 'upstream',
          apiserver: { flags: [] },
          controllerManager: { flags: ['--cluster-signing-duration=8760h'], start: true },
        },
        objects: [
          { file: join(dir, 'rbac/bootstrap-bindings.yaml'), source: at(26, 7, 'spec.objects[0]') },
          { manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } }, source: at(27, 7, 'spec.objects[1]') },
        ],
        nodes: [
          {
            name: 'k8s01',
            kubelet: { start: false, bootstrapToken: '${tokens.k8s01}', flags: [], config: { rotateCertificates: false, serverTLSBootstrap: true } },
          },
        ],
        steps: [
          { source: at(38, 7, 'spec.steps[0]'), createToken: { as: 'k8s01', groups: ['system:bootstrappers:k8s01'], ttlMs: 24 * 3600_000 } },
          { source: at(39, 7, 'spec.steps[1]'), start: 'kubelet/k8s01' },
          {
            source: at(40, 7, 'spec.steps[2]'),
            waitFor: { expect: { source: at(41, 9, 'spec.steps[2].waitFor'), csr: { node: 'k8s01', type: 'client', state: 'Issued' } }, timeoutMs: 60_000 },
          },
          {
            source: at(43, 7, 'spec.steps[3]'),
            expect: [
              { source: at(44, 11, 'spec.steps[3].expect[0]'), csr: { node: 'k8s01', type: 'client', state: 'Issued', reason: 'AutoApproved', count: 1 } },
              {
                source: at(45, 11, 'spec.steps[3].expect[1]'),
                file: { path: 'nodes/k8s01/pki/kubelet-client-current.pem', mode: '0600', symlink: '/kubelet-client-\\d{4}-/' },
              },
              {
                source: at(46, 11, 'spec.steps[3].expect[2]'),
                certificate: {
                  from: { file: 'nodes/k8s01/pki/kubelet-client-current.pem' },
                  subject: { commonName: 'system:node:k8s01', organizations: ['system:nodes'] },
                  usages: ['digital signature', 'client auth'],
                  validityMs: 8760 * 3600_000,
                },
              },
            ],
          },
          {
            source: at(51, 7, 'spec.steps[4]'),
            request: { as: { node: 'k8s01' }, verb: 'get', path: '/api/v1/namespaces/kube-system/secrets', expect: { status: 403, reason: 'Forbidden' } },
          },
        ],
      },
      file,
    });
  });
});

test('defaults: virtual clock, seed 1, kubeadm policy, empty flags, components started, certificate identity', () => {
  const s = parseScenario(
    ['apiVersion: tlsboot/v1alpha1', 'kind: Scenario', 'metadata: {name: d}', 'spec:', '  description: x', '  nodes:', '    - name: n1', '      kubelet: {}', '      kubeProxy: {}'].join('\n'),
  );
  assert.equal(s.file, '<inline>');
  assert.equal(s.spec.clock, { mode: 'virtual' });
  assert.is(s.spec.seed, 1);
  assert.equal(s.spec.cluster, { policy: 'kubeadm', apiserver: { flags: [] }, controllerManager: { flags: [], start: true } });
  assert.equal(s.spec.objects, []);
  assert.equal(s.spec.steps, []);
  assert.equal(s.spec.nodes, [{ name: 'n1', kubelet: { start: true, flags: [], config: {} }, kubeProxy: { start: true, identity: 'certificate', config: {} } }]);
});

test('durations: Go syntax plus d for days; advance, apiserverUnavailable, ttl, timeout, validity', () => {
  const s = parseScenario(
    base(['    - advance: 365d', '    - advance: 1d12h30m', '    - advance: 1.5h', '    - advance: "0"', '    - fault: {apiserverUnavailable: 300ms}']),
  );
  assert.equal(
    s.spec.steps.map((st) => ('advance' in st ? st.advance.ms : 'fault' in st ? st.fault : undefined)),
    [365 * 86_400_000, 86_400_000 + 12.5 * 3_600_000, 5_400_000, 0, { apiserverUnavailable: { forMs: 300 } }],
  );
});

test('a seed beyond 2^53 − 1 is refused at its line (it would lose precision and collide with another seed)', () => {
  const text = ['apiVersion: tlsboot/v1alpha1', 'kind: Scenario', 'metadata: {name: s}', 'spec:', '  description: x', '  seed: 9223372036854775807', ''].join('\n');
  const found = problems(text);
  assert.ok(found.some((p) => p.path === 'spec.seed' && p.line === 6), JSON.stringify(found));
  assert.is(parseScenario(text.replace('9223372036854775807', '9007199254740991')).spec.seed, 9007199254740991);
});

/** A valid scenario with node k8s01 (kubelet only) and these step lines under `steps:` (line 10 on). */
function base(stepLines: string[], nodeLines: string[] = ['    - name: k8s01', '      kubelet: {}']): string {
  return ['apiVersion: tlsboot/v1alpha1', 'kind: Scenario', 'metadata: {name: bad}', 'spec:', '  description: x', '  nodes:', ...nodeLines, stepLines.length ? '  steps:' : '  steps: []', ...stepLines, ''].join('\n');
}

function problems(text: string, file = 'bad.yaml'): ScenarioProblem[] {
  try {
    parseScenario(text, file);
  } catch (err) {
    assert.instance(err, ScenarioError);
    assert.is((err as ScenarioError).code, 'SCENARIO_INVALID');
    return [...(err as ScenarioError).problems];
  }
  assert.unreachable('the scenario loaded');
  return [];
}

const p = (line: number, column: number, path: string, message: string): ScenarioProblem => ({ file: 'bad.yaml', line, column, path, message });

test('bad input: a typo in a key names the key and suggests the right one', () => {
  assert.equal(problems(base(['    - advnce: 10m'])), [p(10, 7, 'spec.steps[0].advnce', 'unknown field "advnce" (did you mean "advance"?)')]);
  assert.equal(problems(base(['    - createToken: {as: a, tll: 1h}'])), [p(10, 28, 'spec.steps[0].createToken.tll', 'unknown field "tll" (did you mean "ttl"?)')]);
});

test('bad input: an unknown step lists the actions', () => {
  assert.equal(problems(base(['    - reboot: kubelet/k8s01'])), [
    p(10, 7, 'spec.steps[0].reboot', 'unknown field "reboot" (known: name, createToken, start, stop, restart, approve, deny, apply, delete, advance, setClock, waitFor, request, fault, expect)'),
  ]);
});

test('bad input: a wrong type', () => {
  assert.equal(problems(base(['    - start: 5'])), [p(10, 14, 'spec.steps[0].start', 'expected a string, got a number')]);
  assert.equal(problems(base(['    - expect: {node: {name: k8s01}}'])), [p(10, 15, 'spec.steps[0].expect', 'expected a list, got a map')]);
});

test('bad input: a duration that does not parse, and a bare number', () => {
  assert.equal(problems(base(['    - advance: 10 minutes'])), [
    p(10, 16, 'spec.steps[0].advance', '"10 minutes" is not a duration (Go syntax: 300ms, 1.5h, 2h45m; d for days)'),
  ]);
  assert.equal(problems(base(['    - advance: 10'])), [
    p(10, 16, 'spec.steps[0].advance', '10 is not a duration: say which unit, e.g. "10s" or "10m" (Go syntax: 300ms, 1.5h, 2h45m; d for days)'),
  ]);
});

test('bad input: two actions in one step, and none', () => {
  assert.equal(problems(base(['    - start: kube-apiserver', '      stop: kube-apiserver'])), [
    p(10, 7, 'spec.steps[0]', 'a step needs exactly one action, found "start" and "stop"'),
  ]);
  assert.equal(problems(base(['    - name: only a name'])), [
    p(10, 7, 'spec.steps[0]', 'a step needs exactly one action, found none (one of createToken, start, stop, restart, approve, deny, apply, delete, advance, setClock, waitFor, request, fault, expect)'),
  ]);
  assert.equal(problems(base(['    - request: {as: {admin: true, anonymous: true}, verb: get, path: /}'])), [
    p(10, 21, 'spec.steps[0].request.as', 'needs exactly one of admin, anonymous, token, certificate, node, serviceAccount, found "admin" and "anonymous"'),
  ]);
});

test('bad input: a missing file reference, at the file: node, relative to the scenario file', () => {
  withDir((dir) => {
    const file = join(dir, 's.yaml');
    const err = problems(base(['    - apply: {file: rbac/missing.yaml}']), file);
    assert.equal(err, [{ file, line: 10, column: 21, path: 'spec.steps[0].apply.file', message: `file "rbac/missing.yaml" does not exist (${join(dir, 'rbac/missing.yaml')})` }]);
  });
});

test('bad input: a reference to an unknown token, and to one created later', () => {
  assert.equal(problems(base(['    - createToken: {as: k8s01}', '    - request: {as: {token: "${tokens.k8s02}"}, verb: get, path: /api}'])), [
    p(11, 29, 'spec.steps[1].request.as.token', 'unknown token "k8s02": no createToken step has as: k8s02 (did you mean "k8s01"?)'),
  ]);
  assert.equal(problems(base(['    - request: {as: {token: "${tokens.t}"}, verb: get, path: /api}', '    - createToken: {as: t}'])), [
    p(10, 29, 'spec.steps[0].request.as.token', 'token "t" is used before it is created (by spec.steps[1])'),
  ]);
  // spec.nodes may name a token created by any step: the bootstrap kubeconfig is written when the kubelet starts.
  parseScenario(base(['    - createToken: {as: t}'], ['    - name: k8s01', '      kubelet: {start: false, bootstrapToken: "${tokens.t}"}']));
  assert.equal(problems(base([], ['    - name: k8s01', '      kubelet: {bootstrapToken: "${token.t}"}'])), [
    p(8, 33, 'spec.nodes[0].kubelet.bootstrapToken', 'unknown reference "${token.t}" (references are ${tokens.NAME})'),
  ]);
});

test('bad input: a component naming an unknown node, or a node without that component', () => {
  assert.equal(problems(base(['    - start: kubelet/k8s1', '    - stop: kube-proxy/k8s01', '    - request: {as: {node: k8s9}, verb: get, path: /}'])), [
    p(10, 14, 'spec.steps[0].start', 'no node "k8s1" in spec.nodes (did you mean "k8s01"?)'),
    p(11, 13, 'spec.steps[1].stop', 'node "k8s01" has no kubeProxy in spec.nodes'),
    p(12, 28, 'spec.steps[2].request.as.node', 'no node "k8s9" in spec.nodes'),
  ]);
  assert.equal(problems(base(['    - start: kubelet']))[0]!.message, '"kubelet" is not a component (kube-apiserver, kube-controller-manager, kubelet/<node>, kube-proxy/<node>)');
});

test('bad input: a CSR selector naming a node the scenario does not have matches nothing — an error before anything runs', () => {
  const found = problems(base(['    - approve: {csr: {node: k8s2, type: serving}}', '    - expect: [{csr: {node: "/k8s.*/"}}]']));
  assert.equal(found, [p(10, 29, 'spec.steps[0].approve.csr.node', 'no node "k8s2" in spec.nodes')]);
});

test('bad input: an invalid regex', () => {
  assert.equal(problems(base(['    - approve: {csr: {username: "/system:node:(/"}}'])), [
    p(10, 33, 'spec.steps[0].approve.csr.username', '"/system:node:(/" is not a valid regular expression: Invalid regular expression: /system:node:(/: Unterminated group'),
  ]);
});

test('bad input: YAML syntax errors with their position', () => {
  assert.equal(problems('apiVersion: tlsboot/v1alpha1\nkind: [Scenario\nmetadata: {}\n'), [
    p(3, 1, '', 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'),
  ]);
  assert.equal(problems('kind: Scenario\nkind: Scenario\n'), [p(2, 1, '', 'YAML: Map keys must be unique')]);
});

test('bad input: a missing required field is placed at its parent map; every problem is reported, in file order', () => {
  const text = ['apiVersion: tlsboot/v1', 'kind: Scenario', 'metadata: {}', 'spec:', '  seed: -1', '  clock: {mode: virtal}', ''].join('\n');
  const err = problems(text);
  assert.equal(err, [
    p(1, 13, 'apiVersion', 'must be "tlsboot/v1alpha1"'),
    p(3, 11, 'metadata', 'missing required field "name"'),
    p(5, 3, 'spec', 'missing required field "description"'),
    p(5, 9, 'spec.seed', 'must be at least 0, got -1'),
    p(6, 17, 'spec.clock.mode', '"virtal" is not one of virtual, real (did you mean "virtual"?)'),
  ]);
  try {
    parseScenario(text, 'bad.yaml');
  } catch (e) {
    assert.is((e as Error).message.split('\n')[0], 'bad.yaml:1:13: apiVersion: must be "tlsboot/v1alpha1"');
  }
});

test('bad input (found by fuzzing, issue 9): a duration too large for Go\'s time.Duration is a located problem, not a bare DURATION_INVALID', () => {
  assert.equal(problems(base(['    - advance: 2562048h'])), [
    p(10, 16, 'spec.steps[0].advance', 'time: invalid duration "2562048h" (overflows the largest duration Go can hold, about 2562047h)'),
  ]);
  const found = problems(base(['    - createToken: {as: t, ttl: 99999999999999999999h}']));
  assert.equal(found.map((x) => `${x.line}:${x.column} ${x.path}`), ['10:33 spec.steps[0].createToken.ttl']);
  assert.equal(problems(base(['    - waitFor: {node: {name: k8s01}, timeout: 9999999999999ms}']))[0]!.path, 'spec.steps[0].waitFor.timeout');
  assert.equal(problems(base(['    - expect: [{certificate: {from: {file: a.pem}, validity: 106752d}}]']))[0]!.path, 'spec.steps[0].expect[0].certificate.validity');
});

test('bad input (found by fuzzing, issue 9): a billion-laughs alias bomb is stopped by yaml\'s alias limit and reported at the first alias', () => {
  const bomb = ['    l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++) bomb.push(`    l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  const text = base([]).replace('metadata: {name: bad}', ['metadata:', '  name: bad', '  annotations:', ...bomb].join('\n'));
  assert.equal(problems(text), [p(7, 14, '', 'YAML: Excessive alias count indicates a resource exhaustion attack (too many aliases expanded)')]);
});

test('bad input (found by fuzzing, issue 9): a 1 MB string of unterminated "${tokens." loads in linear time; a stray "${" before a reference is still reported whole', () => {
  const huge = '${tokens.'.repeat(120_000);
  const t0 = performance.now();
  assert.equal(problems(base([`    - request: {as: {token: "${huge}\${tokens.x}"}, verb: get, path: /api}`]))[0]!.path, 'spec.steps[0].request.as.token');
  assert.ok(performance.now() - t0 < 5_000, `${performance.now() - t0} ms`);
  assert.equal(problems(base(['    - createToken: {as: x}', '    - request: {as: {token: "${tokens.a${tokens.x}"}, verb: get, path: /api}']))[0]!.message, 'unknown reference "${tokens.a${tokens.x}" (references are ${tokens.NAME})');
});

test('loadScenarioFile / loadScenarioFiles: directories expand to sorted *.yaml / *.yml, golden traces skipped, all problems together', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tlsboot-scenarios-'));
  try {
    const ok = (name: string) => base([]).replace('name: bad', `name: ${name}`);
    writeFileSync(join(dir, 'b.yml'), ok('b'));
    writeFileSync(join(dir, 'a.yaml'), ok('a'));
    writeFileSync(join(dir, 'a.trace.yaml'), 'not: a scenario\n');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    assert.equal((await loadScenarioFiles([dir])).map((s) => s.metadata.name), ['a', 'b']);
    assert.is((await loadScenarioFile(join(dir, 'a.yaml'))).file, join(dir, 'a.yaml'));
    writeFileSync(join(dir, 'c.yaml'), base(['    - advance: soon']));
    writeFileSync(join(dir, 'd.yaml'), base(['    - stop: kubelet/k8s02']));
    try {
      await loadScenarioFiles([dir, join(dir, 'missing.yaml')]);
      assert.unreachable('loaded');
    } catch (e) {
      assert.instance(e, ScenarioError);
      assert.equal(
        (e as ScenarioError).problems.map((pr) => `${pr.file.slice(dir.length + 1)}:${pr.line}:${pr.column}: ${pr.path}`),
        ['c.yaml:10:16: spec.steps[0].advance', 'd.yaml:10:13: spec.steps[0].stop', 'missing.yaml:1:1: '],
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
