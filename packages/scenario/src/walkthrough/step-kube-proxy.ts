import {
  certinfo,
  gencert,
  parseCaConfig,
  parseCsrJson,
  PkiError,
  resolveProfile,
  verifyChain,
  type CertificateAuthority,
  type CfsslCertInfo,
} from '@tlsboot/pki';
import { caConfigJson, kubeProxyCsrJson } from './article-files.js';
import { block } from './report.js';
import { privateKeyMode, type StepResult } from './step.js';

export interface KubeProxyOutcome {
  certinfo: CfsslCertInfo;
  /** The chain check for "client auth" at the clock time: "OK" or "<CODE>: <message>". */
  verdict: string;
  warnings: string[];
}

/**
 * The article's step for kube-proxy (启动前需要的手动配置, 1–2): its CSR JSON through the cfssl
 * module, signed by the cluster CA with the `kubernetes` profile of ca-config.json.
 */
export async function kubeProxyStep(ca: CertificateAuthority, now: Date): Promise<StepResult<KubeProxyOutcome>> {
  const request = parseCsrJson(kubeProxyCsrJson, 'kube-proxy-csr.json');
  const config = parseCaConfig(caConfigJson, 'ca-config.json');
  const profile = resolveProfile(config, 'kubernetes');
  const made = await gencert({ request, now, ca, profile });
  const info = certinfo(made.certificate);
  let verdict = 'OK';
  try {
    await verifyChain(made.certificate, { roots: [ca.certificate], at: now, usages: ['client auth'] });
  } catch (err) {
    if (!(err instanceof PkiError)) throw err;
    verdict = `${err.code}: ${err.message}`;
  }
  const excerpt = { subject: info.subject, not_before: info.not_before, not_after: info.not_after, sigalg: info.sigalg };
  const user = info.subject.common_name ?? '';
  const groups = made.certificate.subject.organizations ?? [];
  const expiry = config.signing.profiles['kubernetes']?.expiry ?? '?';
  const outlivesCa = made.certificate.notAfter > ca.certificate.notAfter;
  return {
    report: {
      title: 'kube-proxy\'s certificate, the article\'s way (cfssl)',
      story: [
        'kube-proxy only ever talks to the apiserver as a client. The article writes kube-proxy-csr.json',
        `(CN ${user}: the user name; O ${groups.join(', ')}: the group) and signs it with the kubernetes profile`,
        'of ca-config.json. The cluster\'s system:node-proxier ClusterRoleBinding grants that user what',
        'kube-proxy needs; the certificate and key then go into kube-proxy.kubeconfig. kube-proxy-csr.json:',
        ...block(kubeProxyCsrJson, '    '),
      ],
      commands: [
        'cfssl gencert -ca=/opt/k8s/work/ca.pem \\',
        '    -ca-key=/opt/k8s/work/ca-key.pem \\',
        '    -config=/opt/k8s/work/ca-config.json \\',
        '    -profile=kubernetes  kube-proxy-csr.json | cfssljson -bare kube-proxy',
        'tlsboot pki gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes kube-proxy-csr.json --bare kube-proxy',
        'cfssl certinfo -cert kube-proxy.pem     # or: tlsboot pki certinfo -cert kube-proxy.pem',
      ],
      results: [
        `profile "kubernetes": usages ${profile.usages.join(', ')}; expiry ${expiry}`,
        ...made.warnings.flatMap((w) => ['cfssl would log this [WARNING] (harmless for a client certificate):', ...block(w)]),
        ...(outlivesCa
          ? [`NotAfter reaches past the CA's own (${expiry} under a ${caLifetime(ca)} CA): cfssl does not cap it, and neither does tlsboot in cfssl mode; the kube-controller-manager's signer would`]
          : []),
        'cfssl certinfo -cert kube-proxy.pem (excerpt):',
        ...block(JSON.stringify(excerpt, null, 2)),
        `chain check for "client auth" at the clock time: ${verdict}`,
        `the apiserver will authenticate user "${user}" in groups [${groups.join(', ')}]`,
      ],
    },
    files: [
      { name: 'ca-config.json', content: caConfigJson },
      { name: 'kube-proxy-csr.json', content: kubeProxyCsrJson },
      { name: 'kube-proxy.pem', content: made.certPem },
      { name: 'kube-proxy-key.pem', content: made.keyPem, mode: privateKeyMode },
      { name: 'kube-proxy.csr', content: made.csrPem },
    ],
    value: { certinfo: info, verdict, warnings: made.warnings },
  };
}

/** The CA's lifetime in whole hours, as a Go duration (e.g. "43800h"). */
function caLifetime(ca: { certificate: { notBefore: Date; notAfter: Date } }): string {
  return `${Math.round((ca.certificate.notAfter.getTime() - ca.certificate.notBefore.getTime()) / 3_600_000)}h`;
}
