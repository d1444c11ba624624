import {
  createCertificateRequest,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  verifyCertificateRequest,
  type CertificateRequest,
  type KeyPair,
  type Subject,
  type SubjectAltNames,
} from '@tlsboot/pki';
import { opensslSans, opensslSubject, renderCsrText } from './openssl-text.js';
import { block } from './report.js';
import { privateKeyMode, type StepResult } from './step.js';

/** The server of the walk-through: what it calls itself and where the client finds it. */
export const serverSubject: Subject = { organizations: ['tlsboot'], commonName: 'localhost' };
export const serverSans: SubjectAltNames = { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] };

/** The article's first command, `openssl genrsa`, done with today's default key. */
export async function keyPairStep(): Promise<StepResult<KeyPair>> {
  const keys = await generateKeyPair('ecdsa-p256');
  const pem = await exportPrivateKeyPem(keys);
  return {
    report: {
      title: 'A private key for the server',
      story: [
        'Everything starts with a key pair: the private key never leaves its owner, the public key goes',
        'into the certificate. The article uses `openssl genrsa -out helios.key 1024`; 1024-bit RSA is too',
        'weak today, so this is ECDSA P-256, the kubelet\'s default (a 2048-bit RSA key works the same way).',
      ],
      commands: ['openssl ecparam -genkey -name prime256v1 -noout -out server-key.pem'],
      results: [`${keys.spec} private key, SEC1 "EC PRIVATE KEY" PEM (what openssl ecparam and cfssl write), mode 0600`],
    },
    files: [{ name: 'server-key.pem', content: pem, mode: privateKeyMode }],
    value: keys,
  };
}

/** `openssl rsa -in helios.key -pubout`: the public half, the only part anyone else sees. */
export async function publicKeyStep(keys: KeyPair): Promise<StepResult<string>> {
  const pem = await exportPublicKeyPem(keys);
  return {
    report: {
      title: 'Its public key',
      story: ['The public key is derived from the private key. It is what the CA will vouch for, and what a', 'client uses to check that the server holds the private key during the TLS handshake.'],
      commands: ['openssl pkey -in server-key.pem -pubout -out server-pub.pem'],
      results: ['SubjectPublicKeyInfo "PUBLIC KEY" PEM:', ...block(pem)],
    },
    files: [{ name: 'server-pub.pem', content: pem }],
    value: pem,
  };
}

/** `openssl req -new`: identity + public key, signed with the private key (proof of possession). */
export async function csrStep(keys: KeyPair): Promise<StepResult<CertificateRequest>> {
  const csr = await createCertificateRequest({ keys, subject: serverSubject, subjectAltNames: serverSans });
  await verifyCertificateRequest(csr, 'server.csr');
  const subj = `/${opensslSubject(serverSubject).replace(/ = /g, '=').replace(/, /g, '/')}`;
  return {
    report: {
      title: 'A certificate signing request (CSR)',
      story: [
        'The CSR carries who the server says it is (CN, O) and where it can be reached (the subject',
        'alternative names a client checks), plus the public key, all signed with the private key.',
      ],
      commands: [
        `openssl req -new -key server-key.pem -subj "${subj}" -addext "subjectAltName=${opensslSans(serverSans).replace(/IP Address:/g, 'IP:').replace(/, /g, ',')}" -out server.csr`,
        'openssl req -in server.csr -noout -text',
      ],
      results: ['server.csr, as `openssl req -noout -text` shows it (rendered by tlsboot from the parsed CSR):', ...block(renderCsrText(csr).join('\n')), 'CSR signature verifies with its own public key (what `openssl req -verify` checks)'],
    },
    files: [{ name: 'server.csr', content: csr.pem }],
    value: csr,
  };
}
