import { resolve } from 'node:path';
import type { Command } from 'commander';
import { JoinError, joinNode } from '@tlsboot/scenario';
import { realClock } from '@tlsboot/util';
import { usageError, type CliIo } from '../io.js';
import { examples } from '../options.js';
import { loadScenarioOption, narratedTrace, narration, quietOption, verboseOption, scenarioOption } from '../scenario-option.js';
import { shellQuote } from './up.js';

interface JoinOptions {
  workdir: string;
  token?: string;
  withProxy?: boolean;
  serverTlsBootstrap?: boolean;
  rotateCertificates?: boolean;
  scenario?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** What join takes from `spec.nodes[name=<node>]` of a scenario. */
interface NodeDefaults {
  token?: string;
  withProxy: boolean;
  kubeletFlags: string[];
  kubeletConfig: Record<string, unknown>;
}

/** Resolves when `signal` aborts, with its reason as text (`SIGINT`, `SIGTERM`, …). */
function stopped(signal: AbortSignal): Promise<string> {
  const reason = (): string => (typeof signal.reason === 'string' ? signal.reason : 'aborted');
  if (signal.aborted) return Promise.resolve(reason());
  return new Promise((done) => signal.addEventListener('abort', () => done(reason()), { once: true }));
}

/**
 * `tlsboot join <node>`: what `kubeadm join` starts on a worker — a kubelet that bootstraps its
 * client certificate with a bootstrap token (and, with --with-proxy, a kube-proxy) — in this
 * process, against a running `tlsboot up`, until Ctrl-C or SIGTERM.
 */
export function joinCommand(parent: Command, io: CliIo): Command {
  const command = parent
    .command('join')
    .description('run a kubelet (and a kube-proxy) for <node> that joins a running "tlsboot up" with a bootstrap token, until Ctrl-C or SIGTERM')
    .argument('<node>', 'the node name (the kubelet\'s --hostname-override; a DNS-1123 subdomain)')
    .option('--token <id.secret>', "the bootstrap token, [a-z0-9]{6}.[a-z0-9]{16} (tlsboot token create); required unless the scenario's node has a literal bootstrapToken")
    .option('--workdir <dir>', 'the work directory of "tlsboot up": its admin.kubeconfig gives the server URL and pki/ca.crt the CA; the node\'s files go to nodes/<node>/', '.tlsboot')
    .option('--with-proxy', 'also run a kube-proxy with a cfssl-made certificate for system:kube-proxy signed by pki/ca.key')
    .option('--server-tls-bootstrap', 'KubeletConfiguration serverTLSBootstrap: request the serving certificate with a kubelet-serving CSR (approve it with kubectl certificate approve)')
    .option('--rotate-certificates', 'the kubelet\'s --rotate-certificates: the client certificate manager bootstraps and rotates the client certificate')
    .option(
      scenarioOption[0],
      "take the kubelet's flags and KubeletConfiguration, its bootstrapToken when it is a literal, and whether a kube-proxy runs, from the scenario's spec.nodes entry named <node>; the flags given here win",
    )
    .option(...quietOption)
    .option(...verboseOption)
    .action(async (node: string, options: JoinOptions) => {
      let defaults: NodeDefaults = { withProxy: false, kubeletFlags: [], kubeletConfig: {} };
      if (options.scenario !== undefined) {
        const scenario = await loadScenarioOption(io, options.scenario);
        const spec = scenario.spec.nodes.find((n) => n.name === node);
        if (!spec) {
          const names = scenario.spec.nodes.map((n) => n.name);
          usageError(command, `--scenario ${options.scenario}: scenario ${scenario.metadata.name} has no node ${JSON.stringify(node)} in spec.nodes (${names.length ? `it has ${names.join(', ')}` : 'it has none'})`);
        }
        const literal = spec.kubelet?.bootstrapToken;
        defaults = {
          ...(literal !== undefined && !literal.includes('${') ? { token: literal } : {}),
          withProxy: spec.kubeProxy !== undefined,
          kubeletFlags: spec.kubelet?.flags ?? [],
          kubeletConfig: spec.kubelet?.config ?? {},
        };
        if (spec.kubeProxy?.identity === 'serviceAccount') io.stderr.write(`tlsboot: join runs kube-proxy with the article's cfssl-made certificate; the scenario's identity: serviceAccount is not offered by join\n`);
      }
      const token = options.token ?? defaults.token;
      if (token === undefined) usageError(command, "required option '--token <id.secret>' not specified");
      const withProxy = options.withProxy ?? defaults.withProxy;
      const kubeletConfig = {
        ...defaults.kubeletConfig,
        ...(options.serverTlsBootstrap ? { serverTLSBootstrap: true } : {}),
        ...(options.rotateCertificates ? { rotateCertificates: true } : {}),
      };
      const narrated = narration(io, options);
      const trace = narratedTrace(realClock, narrated);
      const stop = io.stopRequests();
      try {
        let joined;
        try {
          joined = await joinNode({
            workdir: resolve(io.cwd, options.workdir),
            node,
            token,
            withProxy,
            serverTLSBootstrap: options.serverTlsBootstrap ?? false,
            rotateCertificates: options.rotateCertificates ?? kubeletConfig.rotateCertificates === true,
            clock: realClock,
            kubeletTrace: trace.kubeletSink(),
            kubeProxyTrace: trace.kubeProxySink(),
            kubeletFlags: defaults.kubeletFlags,
            kubeletConfig,
          });
        } catch (err) {
          if (err instanceof JoinError && (err.code === 'INVALID_ARGUMENT' || err.code === 'MISSING_FILE')) usageError(command, err.message);
          throw err;
        }
        try {
          const user = await Promise.race([joined.clientCertificate, stopped(stop.signal).then(() => undefined), joined.exited.then(() => undefined)]);
          if (user !== undefined) {
            io.stdout.write(`tlsboot: node ${node} joined as ${user} — kubectl get nodes\n`);
            const proxy = await joined.startKubeProxy();
            if (proxy) io.stdout.write(`tlsboot: kube-proxy for node ${node} running as system:kube-proxy (rules SIMULATED)\n`);
          }
          const reason = await Promise.race([stopped(stop.signal), joined.exited.then((message) => ({ exited: message }))]);
          await joined.stop();
          narrated.end();
          if (typeof reason !== 'string') throw new JoinError('KUBELET_FAILED', `kubelet of node ${node} exited: ${reason.exited}`);
          io.stdout.write(`tlsboot: ${reason}: kubelet${withProxy ? ' and kube-proxy' : ''} of node ${node} stopped; the files in ${shellQuote(joined.dir)} are kept\n`);
        } catch (err) {
          await joined.stop();
          throw err;
        }
      } finally {
        narrated.end();
        stop.release();
      }
    });
  return examples(command, [
    'tlsboot up --workdir ./cluster     # in one terminal',
    'tlsboot token create --workdir ./cluster',
    'tlsboot join node-1 --workdir ./cluster --token abcdef.0123456789abcdef --with-proxy --server-tls-bootstrap',
    'export KUBECONFIG=$PWD/cluster/admin.kubeconfig; kubectl get csr; kubectl get nodes',
    'tlsboot join k8s01 --workdir ./cluster --token "$(tlsboot token create --workdir ./cluster --scenario s.yaml)" --scenario s.yaml',
  ]);
}
