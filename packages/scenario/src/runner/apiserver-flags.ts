// A scenario's kube-apiserver flags → startApiServer options. Flags may name the cluster's own
// files, as kubeadm's do (`--kubelet-certificate-authority=pki/ca.crt`, relative to the work
// directory), so the cluster CA is made and written first, as `kubeadm init phase certs` does
// before the control plane starts, and handed to the apiserver.
import { createClusterCA, parseKubeApiServerFlags } from '@tlsboot/kube-apiserver';
import type { ApiServerOptions } from '@tlsboot/kube-apiserver';
import { exportPrivateKeyPem } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';
import { controlPlaneFiles } from '../control-plane/admin-kubeconfig.js';
import { prepareWorkdir, writeWorkdirFiles } from '../control-plane/workdir.js';

export async function apiserverOptionsFromFlags(flags: readonly string[], workdir: string, clock: Clock): Promise<Partial<ApiServerOptions>> {
  await prepareWorkdir(workdir);
  // the CA the apiserver would make itself (kubeadm's pki/certs.go CreateCACertAndKeyFiles: CN=kubernetes)
  const ca = await createClusterCA(clock.now());
  await writeWorkdirFiles(workdir, [
    { path: controlPlaneFiles.caCertificate, content: ca.certificate.pem, mode: 0o644 },
    { path: controlPlaneFiles.caKey, content: await exportPrivateKeyPem(ca.keys), mode: 0o600 },
  ]);
  return { ca, ...(await parseKubeApiServerFlags(flags, { baseDir: workdir })) };
}
