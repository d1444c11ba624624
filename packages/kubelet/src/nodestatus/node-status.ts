// The status the kubelet posts: kubernetes/kubernetes pkg/kubelet/nodestatus/setters.go (v1.32) —
// NodeAddress, MachineInfo, VersionInfo, DaemonEndpoints, ReadyCondition and the pressure
// conditions with their upstream reasons and messages. SIMULATED: there is no container runtime,
// cadvisor or eviction manager; capacity is fixed and every condition is healthy, so Ready is True.
import type { Node, NodeAddress, NodeCondition } from '@tlsboot/api';
import { formatRFC3339 } from '@tlsboot/api';

export interface NodeStatusInput {
  addresses: NodeAddress[];
  now: Date;
  /** The kubelet server's port (`--port`, 10250 upstream). */
  kubeletPort: number;
  os?: string;
  arch?: string;
  /** gitVersion of the kubelet. */
  kubeletVersion?: string;
}

interface ConditionSpec {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** Upstream order: MemoryPressure, DiskPressure, PIDPressure, Ready. */
const conditionSpecs: readonly ConditionSpec[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** SIMULATED capacity (no cadvisor). */
const capacity = { cpu: '2', 'ephemeral-storage': '20470Mi', memory: '4026276Ki', pods: '110' };

/**
 * The node with its status set. lastTransitionTime is kept while a condition's status does not
 * change (setters.go); lastHeartbeatTime is `now`.
 */
export function setNodeStatus(node: Node, input: NodeStatusInput): Node {
  const now = formatRFC3339(input.now);
  const old = new Map((node.status?.conditions ?? []).map((c) => [c.type, c]));
  const conditions: NodeCondition[] = conditionSpecs.map((spec) => {
    const prev = old.get(spec.type);
    const transition = prev && prev.status === spec.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
    return { ...spec, lastHeartbeatTime: now, lastTransitionTime: transition };
  });
  return {
    ...node,
    status: {
      ...node.status,
      capacity: { ...capacity },
      allocatable: { ...capacity },
      conditions,
      addresses: input.addresses.map((a) => ({ ...a })),
      daemonEndpoints: { kubeletEndpoint: { Port: input.kubeletPort } },
      nodeInfo: {
        ...node.status?.nodeInfo,
        kubeletVersion: input.kubeletVersion ?? 'v1.32.0',
        operatingSystem: input.os ?? 'linux',
        architecture: input.arch ?? 'amd64',
        containerRuntimeVersion: 'tlsboot://simulated',
      },
    },
  };
}

/** The kubelet's default nodeStatusReportFrequency: a status is posted at least this often even if nothing changed. */
export const nodeStatusReportFrequencyMs = 5 * 60_000;
/** The default nodeStatusUpdateFrequency: how often the kubelet checks whether to post. */
export const nodeStatusUpdateFrequencyMs = 10_000;

/** kubelet_node_status.go tryUpdateNodeStatus: post when something but the heartbeat changed, or the report is due. */
export function shouldReportNodeStatus(
  before: Node | undefined,
  after: Node,
  lastReportMs: number | undefined,
  nowMs: number,
  reportFrequencyMs = nodeStatusReportFrequencyMs,
): boolean {
  if (before === undefined || lastReportMs === undefined) return true;
  if (nowMs - lastReportMs >= reportFrequencyMs) return true;
  return JSON.stringify(stripHeartbeats(before)) !== JSON.stringify(stripHeartbeats(after));
}

function stripHeartbeats(node: Node): unknown {
  return { ...node.status, conditions: node.status?.conditions?.map(({ lastHeartbeatTime: _h, ...rest }) => rest) };
}
