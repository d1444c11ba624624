// One step of a scenario: dispatch on its action key to the module that runs it.
import { formatDuration } from '@tlsboot/util';
import type { Step, StepBody } from '../../format/types.js';
import { restartComponent, startComponent, stopComponent } from '../components.js';
import { selectorWords } from '../csr-selector.js';
import type { RunContext } from '../run-context.js';
import { applyObjectSource } from './apply.js';
import { createTokenStep } from './create-token.js';
import { approveStep, denyStep } from './approve.js';
import { deleteStep } from './delete.js';
import { faultStep } from './fault.js';
import { requestStep } from './request.js';
import { expectStep } from './expect.js';
import { waitForStep } from './wait-for.js';

type ActionOf<T> = T extends unknown ? keyof T & string : never;
export type StepAction = ActionOf<StepBody>;

const actions: readonly StepAction[] = ['createToken', 'start', 'stop', 'restart', 'approve', 'deny', 'apply', 'delete', 'advance', 'setClock', 'waitFor', 'request', 'fault', 'expect'];

export function stepAction(step: Step): StepAction {
  const found = actions.find((a) => a in step);
  if (!found) throw new Error(`a step without an action at ${step.source.file}:${step.source.line}`);
  return found;
}

/** One line saying what the step does, for the trace and `tlsboot explain`. */
export function stepSummary(step: Step): string {
  const b = step as StepBody;
  if ('createToken' in b) return `create bootstrap token "${b.createToken.as}"${b.createToken.groups ? ` in ${b.createToken.groups.join(', ')}` : ''}`;
  if ('start' in b) return `start ${b.start}`;
  if ('stop' in b) return `stop ${b.stop}`;
  if ('restart' in b) return `restart ${b.restart}`;
  if ('approve' in b) return `approve CSRs ${selectorWords(b.approve.csr)}`;
  if ('deny' in b) return `deny CSRs ${selectorWords(b.deny.csr)}`;
  if ('apply' in b) return `apply ${'file' in b.apply ? b.apply.file : 'manifest'}`;
  if ('delete' in b) return `delete ${b.delete.kind} ${b.delete.namespace ? `${b.delete.namespace}/` : ''}${b.delete.name}`;
  if ('advance' in b) return `advance the clock by ${formatDuration(b.advance.ms)}`;
  if ('setClock' in b) return `set the clock to ${new Date(b.setClock.atMs).toISOString()}`;
  if ('waitFor' in b) return `wait up to ${formatDuration(b.waitFor.timeoutMs)} for ${Object.keys(b.waitFor.expect).filter((k) => k !== 'source')[0]}`;
  if ('request' in b) return `${b.request.verb} ${b.request.path}`;
  if ('fault' in b) return `fault: ${Object.keys(b.fault)[0]}`;
  return `check ${b.expect.length} expectation${b.expect.length === 1 ? '' : 's'}`;
}

export async function runStep(ctx: RunContext, step: Step): Promise<void> {
  const b = step as StepBody;
  if ('createToken' in b) return createTokenStep(ctx, b.createToken);
  if ('start' in b) return startComponent(ctx, b.start);
  if ('stop' in b) return stopComponent(ctx, b.stop);
  if ('restart' in b) return restartComponent(ctx, b.restart);
  if ('apply' in b) return void (await applyObjectSource(ctx, b.apply));
  if ('advance' in b) {
    const from = ctx.time.clock.now().toISOString();
    await ctx.time.advance(b.advance.ms);
    ctx.trace.runner({ type: 'clock.moved', from, to: ctx.time.clock.now().toISOString(), reason: 'advance' });
    return;
  }
  if ('setClock' in b) {
    const from = ctx.time.clock.now().toISOString();
    await ctx.time.setClock(b.setClock.atMs);
    ctx.trace.runner({ type: 'clock.moved', from, to: ctx.time.clock.now().toISOString(), reason: 'setClock' });
    return;
  }
  if ('expect' in b) return expectStep(ctx, b.expect);
  if ('waitFor' in b) return waitForStep(ctx, b.waitFor);
  if ('approve' in b) return approveStep(ctx, b.approve, step.source);
  if ('deny' in b) return denyStep(ctx, b.deny, step.source);
  if ('delete' in b) return deleteStep(ctx, b.delete, step.source);
  if ('request' in b) return void (await requestStep(ctx, b.request, step.source));
  if ('fault' in b) return faultStep(ctx, b.fault, step.source);
  throw new Error(`the ${stepAction(step)} step is not implemented yet`);
}

