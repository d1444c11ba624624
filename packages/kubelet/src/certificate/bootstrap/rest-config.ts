// loadRESTClientConfig from pkg/kubelet/certificate/bootstrap/bootstrap.go: a kubeconfig file to
// the rest.Config the bootstrap works with (paths resolved, files read), plus the CA *file* of its
// cluster when it named one (writeKubeconfigFromBootstrapping copies the path, not the data).
// clientcmd ClientConfigLoadingRules.Load with an ExplicitPath first stats the file and returns the
// bare os.Stat error when it does not exist (`stat /x/kubelet.conf: no such file or directory`).
import { stat } from 'node:fs/promises';
import { activity } from '@tlsboot/util';
import { loadKubeconfig, resolveContext } from '@tlsboot/client';
import type { ResolvedContext } from '@tlsboot/client';

export interface RestConfig extends ResolvedContext {
  /** The cluster's certificate-authority path, when the file used one instead of -data. */
  caFile?: string;
  /** The user's client-certificate / client-key paths, when the file used them instead of -data. */
  clientCertFile?: string;
  clientKeyFile?: string;
}

export async function loadRestConfig(path: string): Promise<RestConfig> {
  try {
    await activity.track(stat(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`stat ${path}: no such file or directory`);
  }
  const kubeconfig = await loadKubeconfig(path);
  const ctx = await resolveContext(kubeconfig);
  const cluster = kubeconfig.clusters.find((c) => c.name === ctx.clusterName)?.cluster;
  const caFile = cluster && !cluster['certificate-authority-data'] ? cluster['certificate-authority'] : undefined;
  const user = kubeconfig.users.find((u) => u.name === ctx.userName)?.user;
  const certFile = user && !user['client-certificate-data'] ? user['client-certificate'] : undefined;
  const keyFile = user && !user['client-key-data'] ? user['client-key'] : undefined;
  return { ...ctx, ...(caFile ? { caFile } : {}), ...(certFile ? { clientCertFile: certFile } : {}), ...(keyFile ? { clientKeyFile: keyFile } : {}) };
}
