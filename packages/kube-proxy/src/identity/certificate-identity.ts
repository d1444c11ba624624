// kube-proxy's identity the article's way (seed/article.zh.md, "kube-proxy和集群通信的过程"):
// a cfssl CSR JSON for CN system:kube-proxy, `cfssl gencert -ca=ca.pem -ca-key=ca-key.pem
// -config=ca-config.json -profile=kubernetes kube-proxy-csr.json | cfssljson -bare kube-proxy`,
// then kube-proxy.kubeconfig in four `kubectl config` steps. The RBAC side is upstream's default
// ClusterRoleBinding system:node-proxier → User system:kube-proxy
// (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go).
import { emptyKubeconfig, setCluster, setContext, setCredentials, useContext } from '@tlsboot/client';
import type { Kubeconfig } from '@tlsboot/client';
import { gencert, parseCaConfig, parseCsrJson, resolveProfile } from '@tlsboot/pki';
import type { CertificateAuthority, GencertResult } from '@tlsboot/pki';

/** The user name RBAC's system:node-proxier binding names (CN of the certificate). */
export const kubeProxyUser = 'system:kube-proxy';

/**
 * kube-proxy-csr.json as the article's guide writes it: CN system:kube-proxy, O k8s, OU System
 * (O becomes a group the apiserver ignores for RBAC here: only the user is bound).
 */
export const kubeProxyCsrJson = `{
  "CN": "system:kube-proxy",
  "hosts": [],
  "key": {
    "algo": "rsa",
    "size": 2048
  },
  "names": [
    {
      "C": "CN",
      "ST": "BeiJing",
      "L": "BeiJing",
      "O": "k8s",
      "OU": "System"
    }
  ]
}
`;

/** ca-config.json with the `kubernetes` profile the article signs with. */
export const kubeProxyCaConfigJson = `{
  "signing": {
    "default": {
      "expiry": "87600h"
    },
    "profiles": {
      "kubernetes": {
        "usages": [
          "signing",
          "key encipherment",
          "server auth",
          "client auth"
        ],
        "expiry": "87600h"
      }
    }
  }
}
`;

export interface KubeProxyCertificateOptions {
  ca: CertificateAuthority;
  now: Date;
  /** The CSR JSON; default kubeProxyCsrJson (pass another to make a certificate with another CN). */
  csrJson?: string;
  caConfigJson?: string;
  profile?: string;
}

/** `cfssl gencert … -profile=kubernetes kube-proxy-csr.json | cfssljson -bare kube-proxy`. */
export async function gencertKubeProxy(o: KubeProxyCertificateOptions): Promise<GencertResult> {
  const request = parseCsrJson(o.csrJson ?? kubeProxyCsrJson, 'kube-proxy-csr.json');
  const profile = resolveProfile(parseCaConfig(o.caConfigJson ?? kubeProxyCaConfigJson, 'ca-config.json'), o.profile ?? 'kubernetes');
  return gencert({ request, now: o.now, ca: o.ca, profile });
}

export interface KubeProxyKubeconfigOptions {
  /** KUBE_APISERVER, `https://host:6443`. */
  server: string;
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Default `kubernetes`, as in the article. */
  cluster?: string;
  /** Default `kube-proxy`. */
  user?: string;
  /** Default `default`. */
  context?: string;
}

/**
 * The article's four steps (3, 4, 5, 7), each returned so a reader can compare with its
 * kube-proxy1/2/3.kubeconfig and the final file:
 *   kubectl config set-cluster kubernetes --certificate-authority=ca.pem --embed-certs=true --server=${KUBE_APISERVER}
 *   kubectl config set-credentials kube-proxy --client-certificate=kube-proxy.pem --client-key=kube-proxy-key.pem --embed-certs=true
 *   kubectl config set-context default --cluster=kubernetes --user=kube-proxy
 *   kubectl config use-context default
 */
export function kubeProxyKubeconfigSteps(o: KubeProxyKubeconfigOptions): Kubeconfig[] {
  const cluster = o.cluster ?? 'kubernetes';
  const user = o.user ?? 'kube-proxy';
  const context = o.context ?? 'default';
  const s1 = setCluster(emptyKubeconfig(), cluster, { certificateAuthorityPem: o.caPem, server: o.server });
  const s2 = setCredentials(s1, user, { clientCertificatePem: o.certPem, clientKeyPem: o.keyPem });
  const s3 = setContext(s2, context, { cluster, user });
  const s4 = useContext(s3, context);
  return [s1, s2, s3, s4];
}

/** The final kube-proxy.kubeconfig (clientConnection.kubeconfig points at it). */
export function kubeProxyKubeconfig(o: KubeProxyKubeconfigOptions): Kubeconfig {
  return kubeProxyKubeconfigSteps(o)[3]!;
}
