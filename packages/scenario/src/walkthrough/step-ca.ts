import { formatRFC3339, gencert, loadCertificateAuthority, parseCsrJson, type CertificateAuthority } from '@tlsboot/pki';
import { caCsrJson } from './article-files.js';
import { describeCertificate } from './openssl-text.js';
import { block } from './report.js';
import { privateKeyMode, type StepResult } from './step.js';

/**
 * The cluster CA the article's commands take as given (`/opt/k8s/work/ca.pem`): made from its
 * ca-csr.json the way the guide makes it, `cfssl gencert -initca ca-csr.json | cfssljson -bare ca`.
 */
export async function clusterCaStep(now: Date): Promise<StepResult<CertificateAuthority>> {
  const request = parseCsrJson(caCsrJson, 'ca-csr.json');
  const made = await gencert({ request, now, initca: true });
  const ca = await loadCertificateAuthority(made.certPem, made.keyPem, { cert: 'ca.pem', key: 'ca-key.pem' });
  return {
    report: {
      title: 'The cluster CA',
      story: [
        'Every certificate in the cluster is signed by one CA; everyone who trusts ca.pem trusts what it',
        'signs. This is the article\'s CA, made from its ca-csr.json the cfssl way (self-signed, cert sign',
        'and CRL sign only, five years):',
        ...block(caCsrJson, '    '),
      ],
      commands: ['cfssl gencert -initca ca-csr.json | cfssljson -bare ca', 'tlsboot pki gencert -initca ca-csr.json --bare ca     # the same, with tlsboot'],
      results: ['ca.pem:', ...describeCertificate(ca.certificate, formatRFC3339).map((l) => `    ${l}`)],
    },
    files: [
      { name: 'ca-csr.json', content: caCsrJson },
      { name: 'ca.pem', content: made.certPem },
      { name: 'ca-key.pem', content: made.keyPem, mode: privateKeyMode },
      { name: 'ca.csr', content: made.csrPem },
    ],
    value: ca,
  };
}
