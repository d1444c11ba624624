// `node` expectations: GET the Node as the cluster admin; `registered` (default true) says
// whether it must exist (registerWithAPIServer in pkg/kubelet/kubelet_node_status.go creates it).
import type { Node } from '@tlsboot/api';
import { isNotFound } from '@tlsboot/api';
import { nodes } from '@tlsboot/client';
import type { ExpectationBody } from '../../format/types.js';
import type { RunContext } from '../run-context.js';
import type { ExpectationResult } from './index.js';

export type NodeExpectation = Extract<ExpectationBody, { node: unknown }>['node'];

export async function checkNode(ctx: RunContext, e: NodeExpectation): Promise<ExpectationResult> {
  const registered = e.registered ?? true;
  let node: Node;
  try {
    node = await nodes(ctx.admin).get(e.name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return registered ? { ok: false, message: `node ${e.name} is not registered (nodes "${e.name}" not found)` } : { ok: true, message: `node ${e.name} is not registered` };
  }
  if (!registered) return { ok: false, message: `node ${e.name} is registered (created ${node.metadata?.creationTimestamp ?? '?'}), expected it not to be` };
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  return { ok: true, message: `node ${e.name} is registered${ready ? ` (Ready=${ready.status})` : ''}` };
}
