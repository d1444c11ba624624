import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createToken, deleteTokens, formatTokenList, listTokens } from '@tlsboot/scenario';
import { isTlsbootError, parseDuration } from '@tlsboot/util';
import { CliError, type CliIo } from '../io.js';
import { examples } from '../options.js';
import { loadScenarioOption, scenarioOption } from '../scenario-option.js';

export interface TokenCommandContext {
  io: CliIo;
  /** The machine's clock: the TTL of a new token counts from it, the TTL column is computed at it. */
  now: () => Date;
}

interface WorkdirOption {
  workdir: string;
}

interface CreateOptions extends WorkdirOption {
  ttl: number;
  usages?: string[];
  groups?: string[];
  description?: string;
  scenario?: string;
}

/** pflag's DurationVar: any Go duration, 0 and negative ones included (they mean "never expires"). */
function ttlDuration(value: string): number {
  try {
    return parseDuration(value);
  } catch (err) {
    if (isTlsbootError(err)) throw new InvalidArgumentError(`${err.message.replace(/^duration: /, '')}.`);
    throw err;
  }
}

/**
 * pflag's StringSliceVar: comma-separated, repeatable; the first use replaces the default and
 * later uses add to it; an empty value is an empty list.
 */
function stringSlice(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...(value === '' ? [] : value.split(','))];
}

const workdirOption = ['--workdir <dir>', 'the work directory of "tlsboot up": its admin.kubeconfig is used', '.tlsboot'] as const;

/**
 * `tlsboot token`: what `kubeadm token create|list|delete` do (cmd/kubeadm/app/cmd/token.go),
 * against the control plane `tlsboot up` runs, through the API with its admin kubeconfig.
 */
export function tokenCommand(program: Command, ctx: TokenCommandContext): Command {
  const { io, now } = ctx;
  const token = program
    .command('token')
    .description('manage bootstrap tokens on a running "tlsboot up", as kubeadm token does')
    .addHelpText(
      'after',
      `
A bootstrap token is a Secret in kube-system of type "bootstrap.kubernetes.io/token", named
"bootstrap-token-<token-id>"; the token is "<token-id>.<token-secret>", [a-z0-9]{6}.[a-z0-9]{16}.
With the "authentication" usage it is a bearer token for user "system:bootstrap:<token-id>" in
the groups system:bootstrappers and its extra groups.
`,
    );

  const create = token
    .command('create [token]')
    .description('create a bootstrap token on the server and print it (a random one unless [token] is given)')
    .option(...workdirOption)
    .addOption(
      new Option('--ttl <duration>', "the duration before the token is automatically deleted (e.g. 1s, 2m, 3h); '0' never expires")
        .argParser(ttlDuration)
        .default(24 * 3_600_000, '24h0m0s'),
    )
    .option('--usages <list>', 'the ways the token can be used, comma-separated or repeated: signing, authentication (default "signing,authentication")', stringSlice)
    .option(
      '--groups <list>',
      'extra groups the token authenticates as, comma-separated or repeated; each must match \\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z (default "system:bootstrappers:kubeadm:default-node-token")',
      stringSlice,
    )
    .option('--description <text>', 'a human friendly description of how this token is used')
    .option(scenarioOption[0], "take the token, groups, usages, ttl and description of the scenario's first createToken step as defaults (the flags given win)")
    .action(async (given: string | undefined, options: CreateOptions) => {
      let step: { token?: string; groups?: string[]; usages?: string[]; ttlMs?: number; description?: string } = {};
      if (options.scenario !== undefined) {
        const scenario = await loadScenarioOption(io, options.scenario);
        const first = scenario.spec.steps.find((s) => 'createToken' in s);
        if (!first || !('createToken' in first)) {
          throw new CliError('USAGE', `--scenario ${options.scenario}: scenario ${scenario.metadata.name} has no createToken step to take the token options from`);
        }
        step = first.createToken;
      }
      const ttlGiven = create.getOptionValueSource('ttl') === 'cli';
      const token = given ?? step.token;
      const usages = options.usages ?? step.usages;
      const groups = options.groups ?? step.groups;
      const description = options.description ?? step.description;
      const created = await createToken({
        workdir: resolve(io.cwd, options.workdir),
        ...(token !== undefined ? { token } : {}),
        ttlMs: !ttlGiven && step.ttlMs !== undefined ? step.ttlMs : options.ttl,
        ...(usages ? { usages } : {}),
        ...(groups ? { groups } : {}),
        ...(description !== undefined ? { description } : {}),
        now,
      });
      io.stdout.write(`${created}\n`);
    });
  examples(create, [
    'tlsboot token create',
    'tlsboot token create --workdir ./cluster --ttl 2h --description "worker-1 join"',
    'tlsboot token create abcdef.0123456789abcdef --groups system:bootstrappers:worker --ttl 0',
    'tlsboot token create --workdir ./cluster --scenario scenarios/article/06-kubelet-first-csr.yaml   # --groups system:bootstrappers:k8s01',
  ]);

  const list = token
    .command('list')
    .description('list the bootstrap tokens on the server: TOKEN TTL EXPIRES USAGES DESCRIPTION EXTRA GROUPS')
    .option(...workdirOption)
    .action(async (options: WorkdirOption) => {
      const result = await listTokens({ workdir: resolve(io.cwd, options.workdir) });
      for (const error of result.errors) io.stderr.write(`${error}\n`);
      io.stdout.write(formatTokenList(result.tokens, now()));
    });
  examples(list, ['tlsboot token list', 'tlsboot token list --workdir ./cluster']);

  const del = token
    .command('delete')
    .argument('[token-value...]', 'token ids ([a-z0-9]{6}) or whole tokens')
    .description('delete bootstrap tokens on the server')
    .option(...workdirOption)
    .action(async (values: string[], options: WorkdirOption) => {
      await deleteTokens({ workdir: resolve(io.cwd, options.workdir), tokens: values, printed: (line) => io.stdout.write(`${line}\n`) });
    });
  examples(del, ['tlsboot token delete abcdef', 'tlsboot token delete abcdef.0123456789abcdef ghijkl --workdir ./cluster']);
  return token;
}
