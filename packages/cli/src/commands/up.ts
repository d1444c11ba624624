import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { bootstrapPolicyPresets, realTime, startControlPlane, startRun, type BootstrapPolicyPreset, type ControlPlane, type Scenario } from '@tlsboot/scenario';
import { SeededRandom, realClock } from '@tlsboot/util';
import type { CliIo } from '../io.js';
import { examples, tcpPort } from '../options.js';
import { loadScenarioOption, narratedTrace, narration, quietOption, verboseOption, scenarioOption } from '../scenario-option.js';

interface UpOptions {
  workdir: string;
  port: number;
  policy: BootstrapPolicyPreset;
  controllers?: string;
  clusterSigningDuration?: string;
  kcmFlag: string[];
  scenario?: string;
  quiet?: boolean;
  verbose?: boolean;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** A path as a POSIX shell reads it back: bare when it is plain, single-quoted otherwise. */
export function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/** Resolves when `signal` aborts, with its reason as text (`SIGINT`, `SIGTERM`, …). */
function stopped(signal: AbortSignal): Promise<string> {
  const reason = (): string => (typeof signal.reason === 'string' ? signal.reason : 'aborted');
  if (signal.aborted) return Promise.resolve(reason());
  return new Promise((done) => signal.addEventListener('abort', () => done(reason()), { once: true }));
}

/**
 * `tlsboot up`: the control plane built so far, on the wall clock, for real kubectl — what
 * `kubeadm init` leaves behind (a CA, a serving certificate, admin.conf), in one process that
 * runs until Ctrl-C or SIGTERM and then shuts the servers down.
 */
export function upCommand(parent: Command, io: CliIo): Command {
  const command = parent
    .command('up')
    .description('run a control plane on 127.0.0.1 until Ctrl-C or SIGTERM — kube-apiserver and kube-controller-manager — and write an admin kubeconfig for kubectl')
    .option('--workdir <dir>', 'where pki/ca.crt and admin.kubeconfig go; created when missing, files of an earlier run replaced', '.tlsboot')
    .option('--port <port>', 'port of the kube-apiserver on 127.0.0.1; 0 picks a free one', tcpPort, 0)
    .addOption(
      new Option('--policy <preset>', 'default RBAC policy: kubeadm (v1.32 defaults plus what kubeadm init adds) or upstream (the bare defaults)')
        .choices(bootstrapPolicyPresets)
        .default('kubeadm'),
    )
    .option('--controllers <list>', "kube-controller-manager --controllers (default kubeadm's '*,bootstrapsigner,tokencleaner'; '-name' turns one off)")
    .option('--cluster-signing-duration <duration>', 'kube-controller-manager --cluster-signing-duration (default 8760h)')
    .option('--kcm-flag <flag>', 'any other kube-controller-manager flag, e.g. --kcm-flag=--use-service-account-credentials=false (repeatable)', collect, [])
    .option(
      scenarioOption[0],
      "start the cluster a scenario describes: its spec.cluster (policy, kube-apiserver flags, kube-controller-manager flags and start) and spec.objects, on the real clock; its nodes and steps are ignored (tlsboot run runs them). --policy and the controller-manager options given here win",
    )
    .option(...quietOption)
    .option(...verboseOption)
    .action(async (options: UpOptions) => {
      const scenario = options.scenario !== undefined ? await loadScenarioOption(io, options.scenario) : undefined;
      const kcmFlags = [
        ...(options.controllers !== undefined ? [`--controllers=${options.controllers}`] : []),
        ...(options.clusterSigningDuration !== undefined ? [`--cluster-signing-duration=${options.clusterSigningDuration}`] : []),
        ...options.kcmFlag,
      ];
      const workdir = resolve(io.cwd, options.workdir);
      const narrated = narration(io, options);
      const trace = narratedTrace(realClock, narrated);
      // Listen before starting: a Ctrl-C during start-up then stops the servers instead of
      // killing the process half-way.
      const stop = io.stopRequests();
      try {
        let controlPlane: ControlPlane;
        let close: () => Promise<void>;
        if (scenario) {
          const ignored = [scenario.spec.nodes.length ? plural(scenario.spec.nodes.length, 'node') : '', scenario.spec.steps.length ? plural(scenario.spec.steps.length, 'step') : ''].filter(Boolean);
          if (ignored.length > 0) io.stderr.write(`tlsboot: up starts the cluster of scenario ${scenario.metadata.name} only: its ${ignored.join(' and ')} are ignored (tlsboot run ${options.scenario} runs them)\n`);
          const started = await startRun(withOverrides(scenario, options.policy, command.getOptionValueSource('policy') === 'cli', kcmFlags), {
            workdir,
            clock: realClock,
            time: realTime(),
            random: new SeededRandom(scenario.spec.seed),
            trace,
            port: options.port,
          });
          controlPlane = started.ctx.plane;
          close = () => started.close();
        } else {
          controlPlane = await startControlPlane({
            workdir,
            clock: realClock,
            port: options.port,
            policy: options.policy,
            controllerManagerFlags: kcmFlags,
            trace: trace.apiserverSink(),
            controllerManagerTrace: trace.controllerManagerSink(),
          });
          close = () => controlPlane.stop();
        }
        io.stdout.write(
          `tlsboot: kube-apiserver ready at ${controlPlane.url} — export KUBECONFIG=${shellQuote(controlPlane.kubeconfigPath)}; kubectl get ns\n`,
        );
        const reason = await stopped(stop.signal);
        const components = controlPlane.controllerManager ? 'kube-apiserver and kube-controller-manager' : 'kube-apiserver';
        await close();
        narrated.end();
        io.stdout.write(`tlsboot: ${reason}: ${components} stopped; the files in ${shellQuote(controlPlane.workdir)} are kept\n`);
      } finally {
        stop.release();
      }
    });
  return examples(command, [
    'tlsboot up',
    'tlsboot up --workdir ./cluster --port 6443',
    'tlsboot up --policy upstream   # no default binding for bootstrap tokens, as in the article',
    'export KUBECONFIG=$PWD/cluster/admin.kubeconfig; kubectl get ns; kubectl auth whoami',
    'tlsboot up --scenario scenarios/article/07-serving-csr-manual-approval.yaml --workdir ./cluster   # its policy, flags and RBAC objects',
  ]);
}

/** The scenario's cluster with the command line's --policy (when given) and controller-manager flags after its own (a later flag wins). */
function withOverrides(scenario: Scenario, policy: BootstrapPolicyPreset, policyGiven: boolean, kcmFlags: readonly string[]): Scenario {
  const cluster = scenario.spec.cluster;
  return {
    ...scenario,
    spec: {
      ...scenario.spec,
      cluster: {
        ...cluster,
        ...(policyGiven ? { policy } : {}),
        controllerManager: { ...cluster.controllerManager, flags: [...cluster.controllerManager.flags, ...kcmFlags] },
      },
    },
  };
}
