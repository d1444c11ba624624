// The NodeAddress setter of kubernetes/kubernetes pkg/kubelet/nodestatus/setters.go (v1.32) for a
// kubelet without a cloud provider: --node-ip given → [InternalIP <node-ip>, Hostname <hostname>].
// Without --node-ip upstream resolves the hostname; the simulation requires the IP.
import type { NodeAddress } from '@tlsboot/api';

export interface NodeAddressInput {
  /** `--node-ip`. */
  nodeIP: string;
  /** `--hostname-override` or the host name (upstream lower-cases it). */
  hostname: string;
}

export function nodeAddresses(input: NodeAddressInput): NodeAddress[] {
  return [
    { type: 'InternalIP', address: input.nodeIP },
    { type: 'Hostname', address: input.hostname.toLowerCase() },
  ];
}
