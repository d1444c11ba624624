// The CI slice of the scenario-file fuzz run (issue 9 §2; the long run is
// `npm run fuzz:scenarios`): 300 seeded mutations of scenarios/ (test/fuzz/scenario-mutations.ts)
// each give a ScenarioError whose every problem names file:line:column and a field path, or a
// valid scenario; 5 valid ones run on a virtual clock to a result, leaving no work directory and
// no open handle behind. The loader follows the yaml library's limits (maxAliasCount) and Go's
// time.ParseDuration bounds (src/time/format.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorClass, fuzzScenarios, renderScenarioFuzzReport } from './fuzz/scenario-fuzz.js';
import { mutateScenario, mutationKinds } from './fuzz/scenario-mutations.js';
import { SeededRandom } from '@tlsboot/util';

const sample = ['apiVersion: tlsboot/v1alpha1', 'kind: Scenario', 'metadata:', '  name: s', 'spec:', '  description: d', '  steps:', '    - createToken: {as: t, ttl: 1h}', '    - advance: 10m', ''].join('\n');

test('every mutation kind changes the text, and the same seed gives the same mutant', () => {
  for (const kind of mutationKinds) {
    const a = mutateScenario(sample, kind, new SeededRandom(7));
    const b = mutateScenario(sample, kind, new SeededRandom(7));
    assert.ok(!a.bytes.equals(Buffer.from(sample)), `${kind}: ${a.description}`);
    assert.ok(a.bytes.equals(b.bytes), `${kind} is not deterministic`);
    assert.ok(a.description.length > 0);
  }
});

test('load errors are classed by their message', () => {
  assert.is(errorClass('YAML: Map keys must be unique'), 'yaml syntax');
  assert.is(errorClass('"10 minutes" is not a duration (Go syntax: 300ms, 1.5h, 2h45m; d for days)'), 'duration');
  assert.is(errorClass('unknown token "x": no createToken step has as: x'), 'reference');
  assert.is(errorClass('unknown field "advnce" (did you mean "advance"?)'), 'unknown field');
});

test('300 seeded mutations of scenarios/: a clear error or a valid run, nothing left behind', async () => {
  const report = await fuzzScenarios({ mutations: 300, seed: 20261129, run: 5, runTimeoutMs: 30_000 });
  const text = renderScenarioFuzzReport(report);
  assert.is(report.mutations, 300, text);
  assert.equal(report.problems, [], text);
  assert.ok(report.valid > 0 && report.valid < 300, text);
  assert.ok(report.run >= 1 && report.run <= 5, text);
  assert.is(report.passed + report.failed + report.interrupted, report.run, text);
  assert.ok(Object.values(report.byKind).every((k) => k.loadErrors + k.valid > 0), text);
});

test.run();
