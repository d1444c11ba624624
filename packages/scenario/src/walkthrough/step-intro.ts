import type { StepReport } from './report.js';

/** The article's first picture, in words: what the following steps make, and why. */
export function introReport(): Omit<StepReport, 'files'> {
  return {
    title: 'TLS in one picture',
    story: [
      'A server makes a private key and a certificate signing request (CSR) carrying its identity and its',
      'public key; a certificate authority (CA) signs it into a certificate. A client that trusts the CA',
      'checks the server\'s certificate, the server proves it holds the private key, and both agree on a',
      'symmetric key. In mutual TLS the client has a certificate too — that is how kube-proxy and the',
      'kubelet prove who they are to the apiserver. Each step below does one part for real, prints the',
      'command you would type for it, and writes its files so you can check them with openssl.',
    ],
    commands: [],
    results: [],
  };
}
