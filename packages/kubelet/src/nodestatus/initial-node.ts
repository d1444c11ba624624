// initialNode from kubernetes/kubernetes pkg/kubelet/kubelet_node_status.go (v1.32): the Node the
// kubelet registers — the default labels (hostname, os, arch, and the deprecated beta os/arch the
// kubelet still sets; NodeRestriction lets a node set all of them) and the controller-managed
// attach-detach annotation.
import type { Node } from '@tlsboot/api';

export const labelHostname = 'kubernetes.io/hostname';
export const labelOSStable = 'kubernetes.io/os';
export const labelArchStable = 'kubernetes.io/arch';
export const labelOSBeta = 'beta.kubernetes.io/os';
export const labelArchBeta = 'beta.kubernetes.io/arch';
/** volumes.kubernetes.io/controller-managed-attach-detach: the kubelet's default --enable-controller-attach-detach. */
export const controllerManagedAttachAnnotation = 'volumes.kubernetes.io/controller-managed-attach-detach';

export interface InitialNodeInput {
  nodeName: string;
  hostname: string;
  /** GOOS; default linux. */
  os?: string;
  /** GOARCH; default amd64. */
  arch?: string;
  /** `--register-with-taints`. */
  taints?: NonNullable<Node['spec']>['taints'];
}

export function initialNode(input: InitialNodeInput): Node {
  const os = input.os ?? 'linux';
  const arch = input.arch ?? 'amd64';
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: input.nodeName,
      labels: {
        [labelHostname]: input.hostname.toLowerCase(),
        [labelOSStable]: os,
        [labelArchStable]: arch,
        [labelOSBeta]: os,
        [labelArchBeta]: arch,
      },
      annotations: { [controllerManagedAttachAnnotation]: 'true' },
    },
    spec: {},
  };
  if (input.taints?.length) node.spec = { taints: input.taints };
  return node;
}
