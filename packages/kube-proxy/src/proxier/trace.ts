// What the simulated kube-proxy reports. Rule events are SIMULATED: nothing is written to
// iptables/nftables; `simulated: true` says so in every one.

export type KubeProxyTraceEvent =
  | { type: 'kube-proxy.start'; node: string; mode: string; identity: string; server: string }
  | { type: 'kube-proxy.node-ips'; node: string; ips: string[]; found: boolean; message?: string }
  | { type: 'kube-proxy.informers-synced'; node: string }
  | {
      type: 'kube-proxy.rule';
      node: string;
      op: 'add' | 'update' | 'delete';
      servicePortName: string;
      frontends: string[];
      endpoints: string[];
      simulated: true;
    }
  | { type: 'kube-proxy.error'; node: string; message: string };

export interface KubeProxyTraceSink {
  emit(event: KubeProxyTraceEvent): void;
}
