// KubeletServer = KubeletFlags + KubeletConfiguration (cmd/kubelet/app/options/options.go), after
// the deprecated flags have overridden the file's fields, validated; the node name as
// cmd/kubelet/app/server.go getNodeName picks it (--hostname-override, else the host name).
import { TlsbootError } from '@tlsboot/util';
import { defaultKubeletFlags, parseKubeletFlags } from './flags.js';
import type { KubeletFlags, KubeletOptionsErrorCode } from './flags.js';
import { defaultKubeletConfiguration, validateKubeletConfiguration } from './kubelet-configuration.js';
import type { KubeletConfiguration, KubeletConfigurationInput } from './kubelet-configuration.js';

export interface KubeletServer {
  flags: KubeletFlags;
  config: KubeletConfiguration;
}

/** Flags as argv or as parsed fields; configuration as a (partial) KubeletConfiguration. */
export function kubeletServer(flags: readonly string[] | Partial<KubeletFlags>, config: KubeletConfigurationInput = {}): KubeletServer {
  const f = Array.isArray(flags) ? parseKubeletFlags(flags as readonly string[]) : defaultKubeletFlags(flags as Partial<KubeletFlags>);
  const c = defaultKubeletConfiguration(config);
  if (f.rotateCertificates !== undefined) c.rotateCertificates = f.rotateCertificates;
  if (f.rotateServerCertificates !== undefined) c.serverTLSBootstrap = f.rotateServerCertificates;
  const errs = validateKubeletConfiguration(c);
  if (errs.length > 0) {
    throw new TlsbootError<KubeletOptionsErrorCode>('KUBELET_CONFIG_INVALID', `failed to validate kubelet configuration, error: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}`);
  }
  if (!f.kubeconfig) {
    // not an upstream error (a kubelet without --kubeconfig runs standalone); this model needs an apiserver
    throw new TlsbootError<KubeletOptionsErrorCode>('KUBELET_FLAGS_INVALID', '--kubeconfig: the simulated kubelet needs a kubeconfig path (standalone mode is not modelled)');
  }
  return { flags: f, config: c };
}
