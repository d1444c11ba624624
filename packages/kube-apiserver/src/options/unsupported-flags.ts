// Real kube-apiserver v1.32 flags (cmd/kube-apiserver/app/options, k8s.io/apiserver/pkg/server/
// options, pkg/kubeapiserver/options) that tlsboot does not simulate. Naming one is refused with
// a sentence that says so, rather than pflag's "unknown flag", so a command line copied from a
// real cluster says what to remove. Not every real flag is listed: the common ones of kubeadm's
// static Pod manifest and of hand-written clusters (the hard way) are.

export const unsupportedKubeApiServerFlags: ReadonlySet<string> = new Set([
  'admission-control-config-file',
  'advertise-address',
  'allow-privileged',
  'audit-log-maxage',
  'audit-log-maxbackup',
  'audit-log-maxsize',
  'audit-log-path',
  'audit-policy-file',
  'authentication-config',
  'authorization-config',
  'authorization-policy-file',
  'authorization-webhook-config-file',
  'cert-dir',
  'enable-aggregator-routing',
  'encryption-provider-config',
  'etcd-cafile',
  'etcd-certfile',
  'etcd-keyfile',
  'etcd-prefix',
  'etcd-servers',
  'event-ttl',
  'feature-gates',
  'kubelet-port',
  'kubelet-timeout',
  'oidc-client-id',
  'oidc-issuer-url',
  'profiling',
  'proxy-client-cert-file',
  'proxy-client-key-file',
  'requestheader-allowed-names',
  'requestheader-client-ca-file',
  'requestheader-extra-headers-prefix',
  'requestheader-group-headers',
  'requestheader-username-headers',
  'runtime-config',
  'service-account-extend-token-expiration',
  'service-account-jwks-uri',
  'service-cluster-ip-range',
  'service-node-port-range',
  'tls-cert-file',
  'tls-cipher-suites',
  'tls-min-version',
  'tls-private-key-file',
  'token-auth-file',
  'v',
]);

export function unsupportedFlagMessage(name: string): string {
  return `--${name} is a real kube-apiserver flag that tlsboot does not simulate`;
}
