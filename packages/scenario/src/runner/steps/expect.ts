// `expect:` steps: every expectation is checked now, in order, each recorded as a runner
// `expect.checked` event. All are checked even after a failure (the trace and the report show
// every result); the step then fails at the FIRST failed expectation's source, with its message
// and, when others failed too, theirs after it.
import type { Expectation } from '../../format/types.js';
import { checkExpectation, expectationSummary } from '../expect/index.js';
import type { RunContext } from '../run-context.js';
import { StepFailure } from '../run-context.js';

export async function expectStep(ctx: RunContext, expectations: readonly Expectation[]): Promise<void> {
  await ctx.time.settle();
  const failed: { e: Expectation; message: string }[] = [];
  for (const e of expectations) {
    const result = await checkExpectation(ctx, e);
    ctx.trace.runner({ type: 'expect.checked', step: ctx.step, check: expectationSummary(e), ok: result.ok, message: result.message });
    if (!result.ok) failed.push({ e, message: result.message });
  }
  const first = failed[0];
  if (!first) return;
  const others = failed.slice(1).map((f) => `\n  also ${f.e.source.path} (${f.e.source.file}:${f.e.source.line}:${f.e.source.column}): ${f.message}`);
  throw new StepFailure(`${first.message}${others.join('')}`, first.e.source);
}
