// The scenario library in CI (issue 7: "At least 25 scenarios, all run in CI"): every scenario in
// scenarios/ runs as its own test against a real in-process cluster on a virtual clock and must
// pass; a failure names the step, where it is written (file:line:column, field path) and why.
// Where a golden trace sits beside a scenario (`<name>.trace.golden`, written by
// `tlsboot run FILE --update-golden`), the run's normalised trace must match it (checkGolden).
// Only scenarios whose normalised trace was identical over 3 runs have a golden.
import { fileURLToPath } from 'node:url';
import { access } from 'node:fs/promises';
import { checkGolden, goldenPath, loadScenarioFiles, runScenario } from '@tlsboot/scenario';
import type { RunResult, Scenario } from '@tlsboot/scenario';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const library = fileURLToPath(new URL('../scenarios', import.meta.url));
const scenarios: Scenario[] = await loadScenarioFiles([library]);

test('the library holds at least 25 scenarios, each with a description, an outcome and a category', () => {
  assert.ok(scenarios.length >= 25, `${scenarios.length} scenarios in ${library}`);
  const names = new Set<string>();
  for (const s of scenarios) {
    assert.ok(!names.has(s.metadata.name), `duplicate name ${s.metadata.name}`);
    names.add(s.metadata.name);
    assert.ok(s.spec.description.trim().length > 40, `${s.file}: spec.description`);
    assert.ok((s.spec.outcome ?? '').trim().length > 20, `${s.file}: spec.outcome`);
    assert.ok(s.spec.category !== undefined, `${s.file}: spec.category`);
  }
  for (const category of ['article', 'rotation', 'misconfiguration', 'attack'] as const) {
    assert.ok(
      scenarios.some((s) => s.spec.category === category),
      `no ${category} scenario`,
    );
  }
});

function failureText(result: RunResult): string {
  if (result.setupError) return `set-up: ${result.setupError}`;
  const failed = result.steps.find((s) => s.outcome === 'failed');
  if (!failed) return 'no step failed';
  const at = failed.failedAt ?? failed.source;
  return `step ${failed.index} (${failed.name ?? failed.summary}) ${failed.outcome} at ${at.file}:${at.line}:${at.column} ${at.path}: ${failed.message ?? ''}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

for (const scenario of scenarios) {
  test(`scenario ${scenario.metadata.name} (${scenario.spec.category ?? '-'}): passes`, async () => {
    const result = await runScenario(scenario);
    assert.ok(result.passed, `${scenario.file}: ${failureText(result)}`);
    if (await exists(goldenPath(scenario))) {
      const golden = await checkGolden(result);
      assert.ok(golden.status === 'matched', `golden trace ${goldenPath(scenario)}: ${golden.status === 'differs' ? `\n${golden.diff}` : golden.status}`);
    }
  });
}

test.run();
