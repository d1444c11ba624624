/**
 * The cfssl input files of the article (seed/article.zh.md, "kube-proxy和集群通信的过程"). The
 * article links them rather than printing them; its /opt/k8s/work paths and the kube-proxy
 * subject (C=CN, ST=BeiJing, L=BeiJing, O=k8s, OU=System) are those of the widely copied
 * "follow-me-install-kubernetes-cluster" guide, whose files these are. Kept as text so the
 * walk-through writes them byte for byte and reads them back through the cfssl parser, exactly
 * as `cfssl` would read them from disk.
 */
import { kubeProxyCaConfigJson, kubeProxyCsrJson } from '@tlsboot/kube-proxy';

/** ca-csr.json — the cluster CA's request (`cfssl gencert -initca ca-csr.json | cfssljson -bare ca`). */
export const caCsrJson = `{
  "CN": "kubernetes",
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

/** ca-config.json — the signing policy; the article signs with its `kubernetes` profile (kube-proxy's identity module holds it). */
export const caConfigJson = kubeProxyCaConfigJson;

/** kube-proxy-csr.json — user system:kube-proxy, group k8s; no hosts (a client certificate). */
export { kubeProxyCsrJson };

/** The three files by the names the article gives them. */
export const articleCfsslFiles: Readonly<Record<'ca-csr.json' | 'ca-config.json' | 'kube-proxy-csr.json', string>> = {
  'ca-csr.json': caCsrJson,
  'ca-config.json': caConfigJson,
  'kube-proxy-csr.json': kubeProxyCsrJson,
};
