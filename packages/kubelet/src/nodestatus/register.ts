// registerWithAPIServer / tryRegisterWithAPIServer from kubernetes/kubernetes
// pkg/kubelet/kubelet_node_status.go (v1.32): create the Node; when it already exists, take the
// existing one (upstream then reconciles the attach-detach annotation, default labels and extended
// resources and patches the node if they changed — here only the default labels and annotation are
// merged back) and retry with backoff (7 s max upstream) on any other error.
import type { Node } from '@tlsboot/api';
import { isAlreadyExists } from '@tlsboot/api';
import { nodes } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import type { Clock } from '@tlsboot/util';

export interface RegisterOptions {
  /**
   * The client, or a getter asked on every attempt: upstream's transport is dynamic, so a retry
   * after a certificate rotation (e.g. the first client certificate arriving) goes out with it.
   */
  client: RestClient | (() => RestClient);
  clock: Clock;
  node: Node;
  signal?: AbortSignal;
  onError?: (err: unknown) => void;
}

/** Upstream: step 100 ms, doubling, capped at 7 s. */
const initialStepMs = 100;
const maxStepMs = 7_000;

export async function registerWithAPIServer(options: RegisterOptions): Promise<Node> {
  let step = initialStepMs;
  for (;;) {
    try {
      return await tryRegister(options);
    } catch (err) {
      if (options.signal?.aborted) throw err;
      options.onError?.(err);
      await options.clock.sleep(step, options.signal);
      step = Math.min(step * 2, maxStepMs);
    }
  }
}

async function tryRegister({ client, node }: RegisterOptions): Promise<Node> {
  const api = nodes(typeof client === 'function' ? client() : client);
  try {
    return await api.create(node);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
  const existing = await api.get(node.metadata.name!);
  const merged = reconcileExisting(existing, node);
  return merged === existing ? existing : await api.update(merged);
}

/** The existing node with the default labels and the attach-detach annotation of `wanted`, or itself when nothing differs. */
export function reconcileExisting(existing: Node, wanted: Node): Node {
  const labels = { ...existing.metadata.labels };
  const annotations = { ...existing.metadata.annotations };
  let changed = false;
  for (const [k, v] of Object.entries(wanted.metadata.labels ?? {})) {
    if (labels[k] !== v) (labels[k] = v), (changed = true);
  }
  for (const [k, v] of Object.entries(wanted.metadata.annotations ?? {})) {
    if (annotations[k] !== v) (annotations[k] = v), (changed = true);
  }
  return changed ? { ...existing, metadata: { ...existing.metadata, labels, annotations } } : existing;
}
