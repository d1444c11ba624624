// The kubelet API's endpoints (kubernetes/kubernetes pkg/kubelet/server/server.go, v1.32), behind
// the auth filter. SIMULATED: there is no container runtime, cadvisor or /var/log — /healthz
// answers `ok`; /pods lists the pods bound to this node as the API has them (the real kubelet
// answers from its pod manager); /containerLogs, /logs/, /stats/summary and /metrics answer
// fixed, clearly marked sample content. Anything else is Go's `404 page not found`.
import type { Pod } from '@tlsboot/api';
import { pods } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import type { Clock } from '@tlsboot/util';
import { isSubpath } from './auth.js';

export interface KubeletResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface HandlerContext {
  nodeName: string;
  client: RestClient;
  clock: Clock;
}

const text = (status: number, body: string): KubeletResponse => ({ status, contentType: 'text/plain; charset=utf-8', body });
const json = (value: unknown): KubeletResponse => ({ status: 200, contentType: 'application/json', body: JSON.stringify(value) });

export async function handleKubeletRequest(ctx: HandlerContext, method: string, path: string): Promise<KubeletResponse> {
  if (method !== 'GET') return text(405, 'Method Not Allowed');
  if (isSubpath(path, '/healthz')) return text(200, 'ok');
  if (path === '/pods' || path === '/pods/') return json(await podsOnNode(ctx));
  const logs = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  if (logs) return text(200, `${ctx.clock.now().toISOString()} [tlsboot SIMULATED] log of container ${logs[3]} in pod ${logs[1]}/${logs[2]} on node ${ctx.nodeName}\n`);
  if (isSubpath(path, '/logs/')) return { status: 200, contentType: 'text/html; charset=utf-8', body: '<pre>\n<a href="kubelet.log">kubelet.log</a>\n</pre>\n<!-- tlsboot SIMULATED /var/log listing -->\n' };
  if (path === '/stats/summary') return json(statsSummary(ctx));
  if (path === '/metrics') return text(200, metrics(ctx));
  return text(404, '404 page not found\n');
}

/** The pod manager's view: pods whose spec.nodeName is this node, as a v1 PodList. */
async function podsOnNode(ctx: HandlerContext): Promise<{ kind: 'PodList'; apiVersion: 'v1'; metadata: object; items: Pod[] }> {
  const list = await pods(ctx.client).list({ fieldSelector: `spec.nodeName=${ctx.nodeName}` });
  return { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: list.items };
}

/** SIMULATED stats/v1alpha1 Summary: fixed numbers, no pods. */
function statsSummary(ctx: HandlerContext): unknown {
  const time = ctx.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    node: {
      nodeName: ctx.nodeName,
      startTime: time,
      cpu: { time, usageNanoCores: 0, usageCoreNanoSeconds: 0 },
      memory: { time, availableBytes: 4_122_906_624, usageBytes: 0, workingSetBytes: 0 },
    },
    pods: [],
  };
}

/** SIMULATED Prometheus text. */
function metrics(ctx: HandlerContext): string {
  return [
    '# HELP kubernetes_build_info [ALPHA] A metric with a constant \'1\' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.',
    '# TYPE kubernetes_build_info gauge',
    'kubernetes_build_info{git_version="v1.32.0",major="1",minor="32",platform="linux/amd64"} 1',
    '# HELP kubelet_node_name [ALPHA] The node\'s name. The count is always 1.',
    '# TYPE kubelet_node_name gauge',
    `kubelet_node_name{node="${ctx.nodeName}"} 1`,
    '# tlsboot SIMULATED metrics',
    '',
  ].join('\n');
}
