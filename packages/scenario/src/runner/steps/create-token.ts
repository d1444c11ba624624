// `createToken`: `kubeadm token create` against the run's cluster (token/create-token.ts), with
// the run's seeded randomness for a generated token and the run's clock for its expiration.
import type { StepBody } from '../../format/types.js';
import { createToken } from '../../token/create-token.js';
import type { RunContext } from '../run-context.js';

type CreateTokenStep = Extract<StepBody, { createToken: unknown }>['createToken'];

export async function createTokenStep(ctx: RunContext, step: CreateTokenStep): Promise<void> {
  const token = await createToken({
    workdir: ctx.workdir,
    client: ctx.admin,
    random: ctx.random,
    now: () => ctx.time.clock.now(),
    ...(step.token !== undefined ? { token: ctx.resolve(step.token) } : {}),
    ...(step.groups ? { groups: step.groups } : {}),
    ...(step.usages ? { usages: step.usages } : {}),
    ...(step.ttlMs !== undefined ? { ttlMs: step.ttlMs } : {}),
    ...(step.description ? { description: step.description } : {}),
  });
  ctx.tokens.set(step.as, token);
  await ctx.time.settle();
}
