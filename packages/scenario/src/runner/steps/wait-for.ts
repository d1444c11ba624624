// `waitFor: {expect, timeout}` steps: check the expectation, and while it does not hold let the
// run's time move — on a virtual clock to each next due timer once all is idle, so a wait of
// minutes costs only the work in it — until it holds or `timeoutMs` of the scenario's clock
// has passed. At the timeout the clock stays at the deadline and the step fails with the last
// check's message. The final check is recorded as an `expect.checked` event; the time that
// passed as `clock.moved` (reason `waitFor`).
import { formatDuration } from '@tlsboot/util';
import type { Expectation } from '../../format/types.js';
import { checkExpectation, expectationSummary } from '../expect/index.js';
import type { ExpectationResult } from '../expect/index.js';
import type { RunContext } from '../run-context.js';
import { StepFailure } from '../run-context.js';

export async function waitForStep(ctx: RunContext, w: { expect: Expectation; timeoutMs: number }): Promise<void> {
  const clock = ctx.time.clock;
  const startMs = clock.nowMs();
  const from = clock.now().toISOString();
  let last: ExpectationResult = { ok: false, message: 'not checked' };
  const outcome = await ctx.time.waitFor(async () => {
    last = await checkExpectation(ctx, w.expect);
    return last.ok;
  }, w.timeoutMs);
  const waitedMs = outcome.atMs - startMs;
  if (waitedMs > 0) ctx.trace.runner({ type: 'clock.moved', from, to: clock.now().toISOString(), reason: 'waitFor' });
  const check = expectationSummary(w.expect);
  if (outcome.met) {
    ctx.trace.runner({ type: 'expect.checked', step: ctx.step, check, ok: true, message: `${last.message} (after ${formatDuration(waitedMs)})` });
    return;
  }
  const message = `still not true after waiting ${formatDuration(waitedMs)} of scenario time (timeout ${formatDuration(w.timeoutMs)}, until ${clock.now().toISOString()}): ${last.message}`;
  ctx.trace.runner({ type: 'expect.checked', step: ctx.step, check, ok: false, message });
  throw new StepFailure(message, w.expect.source);
}
