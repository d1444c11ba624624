/**
 * Names of signature algorithms as Go prints them (x509.SignatureAlgorithm.String(), used in
 * kubectl and Kubernetes messages) and as cfssl certinfo prints them (helpers.SignatureString).
 * @peculiar/x509 reports the algorithm in WebCrypto form; this maps it back.
 */
export interface SignatureAlgorithmNames {
  go: string;
  cfssl: string;
}

interface HashedLike {
  name: string;
  hash?: { name: string } | string;
}

export function signatureAlgorithmNames(algorithm: HashedLike): SignatureAlgorithmNames {
  const hash = typeof algorithm.hash === 'string' ? algorithm.hash : algorithm.hash?.name;
  const bits = hash?.replace('SHA-', '') ?? '';
  switch (algorithm.name) {
    case 'RSASSA-PKCS1-v1_5':
      return { go: `SHA${bits}-RSA`, cfssl: `SHA${bits}WithRSA` };
    case 'RSA-PSS':
      return { go: `SHA${bits}-RSAPSS`, cfssl: `SHA${bits}WithRSAPSS` };
    case 'ECDSA':
      return { go: `ECDSA-SHA${bits}`, cfssl: `ECDSAWithSHA${bits}` };
    case 'Ed25519':
      return { go: 'Ed25519', cfssl: 'Ed25519' };
    default:
      return { go: algorithm.name, cfssl: algorithm.name };
  }
}
