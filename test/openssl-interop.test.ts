/**
 * Interop with the real openssl CLI: what tlsboot writes, openssl reads and accepts; what
 * openssl writes (keys, CSRs, an intermediate CA), tlsboot reads. Every command runs through
 * execFile with an argument array (no shell) in a fresh temporary directory.
 *
 * The certificates are made at the wall-clock time because `openssl verify` without -attime
 * checks the wall clock; the time cases (expired, not yet valid) pass -attime to openssl and the
 * same instant to verifyChain.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  PkiError,
  createCertificateAuthority,
  decodeOnePem,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  importPrivateKeyPem,
  loadCertificateAuthority,
  parseCertificatePem,
  parseCertificateRequestPem,
  signCertificate,
  verifyCertificateRequest,
  verifyChain,
  type Certificate,
  type CertificateAuthority,
  type KeySpec,
  type PrivateKeyFormat,
  type SigningProfile,
  type SubjectAltNames,
} from '@tlsboot/pki';
import { issueCertificate, kubeProxySubject, type Issued } from '../packages/pki/src/testing.js';

const execFileAsync = promisify(execFile);

interface OpensslRun {
  code: number;
  stdout: string;
  /** stdout and stderr together, for matching a message wherever openssl printed it. */
  output: string;
}

/** Runs openssl with an argument array (no shell); a non-zero exit is a result, not a throw. */
async function openssl(args: string[], cwd: string): Promise<OpensslRun> {
  try {
    const { stdout, stderr } = await execFileAsync('openssl', args, { cwd });
    return { code: 0, stdout, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', output: (e.stdout ?? '') + (e.stderr ?? '') };
  }
}

/** Runs openssl and returns its stdout; fails the test with openssl's output when it exits non-zero. */
async function opensslOk(args: string[], cwd: string): Promise<string> {
  const r = await openssl(args, cwd);
  if (r.code !== 0) assert.unreachable(`openssl ${args.join(' ')} exited ${r.code}: ${r.output.trim()}`);
  return r.stdout;
}

/** `openssl version`, or undefined when there is no openssl on PATH. */
async function opensslVersion(): Promise<string | undefined> {
  try {
    return (await execFileAsync('openssl', ['version'])).stdout.trim();
  } catch {
    return undefined;
  }
}

const day = 86_400_000;
const hour = 3_600_000;
const specs = ['ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'ed25519'] as const satisfies readonly KeySpec[];
type Spec = (typeof specs)[number];

const sans: SubjectAltNames = {
  dnsNames: ['kube-proxy.local'],
  ipAddresses: ['127.0.0.1', '::1'],
  emailAddresses: ['admin@example.com'],
  uris: ['spiffe://cluster.local/ns/kube-system/sa/kube-proxy'],
};
const serverAndClient: SigningProfile = { usages: ['digital signature', 'key encipherment', 'server auth', 'client auth'], ttlMs: 365 * day };
const clientOnly: SigningProfile = { usages: ['digital signature', 'key encipherment', 'client auth'], ttlMs: 365 * day };

const version = await opensslVersion();
let dir = '';
const now = new Date();
const pki = new Map<Spec, { ca: CertificateAuthority; leaf: Issued }>();

const path = (name: string) => join(dir, name);
const write = (name: string, text: string) => writeFile(path(name), text);
const read = (name: string) => readFile(path(name), 'utf8');
const inDir = (args: string[]) => opensslOk(args, dir);

const issue = (ca: CertificateAuthority, keySpec: KeySpec, profile = serverAndClient, at = now, subject = kubeProxySubject): Promise<Issued> =>
  issueCertificate({ ca, subject, subjectAltNames: sans, profile, now: at, keySpec });

function newCa(spec: KeySpec, commonName: string, at = now): Promise<CertificateAuthority> {
  return createCertificateAuthority({ subject: { organizations: ['k8s'], commonName }, now: at, keySpec: spec });
}

/** The code a verifyChain call ends with: "OK" or the PkiError code. */
async function verdict(leaf: Certificate, options: Parameters<typeof verifyChain>[1]): Promise<string> {
  try {
    await verifyChain(leaf, options);
    return 'OK';
  } catch (err) {
    if (err instanceof PkiError) return err.code;
    throw err;
  }
}

/** openssl prints time arguments as seconds since the epoch. */
const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));

if (!version) {
  console.log('skip: openssl not found');
  test('openssl interop (skipped: openssl not found)', () => {});
} else {
  test.before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tlsboot-openssl-'));
    for (const spec of specs) {
      const ca = await newCa(spec, `tlsboot ${spec} CA`);
      const leaf = await issue(ca, spec);
      pki.set(spec, { ca, leaf });
      await write(`${spec}-ca.pem`, ca.certificate.pem);
      await write(`${spec}-ca-key.pem`, await exportPrivateKeyPem(ca.keys));
      await write(`${spec}-leaf.pem`, leaf.certificate.pem);
      await write(`${spec}-leaf.csr`, leaf.request.pem);
    }
  });
  test.after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = (spec: Spec) => pki.get(spec)!;

  // (1) openssl verify accepts what we sign.
  for (const spec of specs) {
    test(`openssl verify -CAfile accepts our ${spec} CA and leaf (and verifyChain agrees)`, async () => {
      const out = await inDir(['verify', '-CAfile', `${spec}-ca.pem`, `${spec}-leaf.pem`]);
      assert.is(out.trim(), `${spec}-leaf.pem: OK`);
      const { ca, leaf } = get(spec);
      const chain = await verifyChain(leaf.certificate, { roots: [ca.certificate], at: now });
      assert.is(chain.length, 2);
    });
  }

  test('openssl verify -untrusted accepts leaf → intermediate (made by openssl from our root) → our root', async () => {
    const root = get('ecdsa-p256').ca;
    const interKeys = await generateKeyPair('ecdsa-p256');
    await write('inter-key.pem', await exportPrivateKeyPem(interKeys));
    await write('inter.cnf', [
      '[v3_inter]',
      'basicConstraints = critical, CA:TRUE, pathlen:0',
      'keyUsage = critical, digitalSignature, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid:always',
      '',
    ].join('\n'));
    await inDir(['req', '-new', '-key', 'inter-key.pem', '-subj', '/O=k8s/CN=tlsboot intermediate', '-out', 'inter.csr']);
    await inDir(['x509', '-req', '-in', 'inter.csr', '-CA', 'ecdsa-p256-ca.pem', '-CAkey', 'ecdsa-p256-ca-key.pem', '-set_serial', '4660',
      '-days', '30', '-sha256', '-extfile', 'inter.cnf', '-extensions', 'v3_inter', '-out', 'inter.pem']);
    const intermediate = await loadCertificateAuthority(await read('inter.pem'), await read('inter-key.pem'), { cert: 'inter.pem', key: 'inter-key.pem' });
    const at = new Date(); // after openssl stamped the intermediate's NotBefore
    const leaf = await issue(intermediate, 'ecdsa-p256', serverAndClient, at);
    await write('chain-leaf.pem', leaf.certificate.pem);

    assert.is((await inDir(['verify', '-CAfile', 'ecdsa-p256-ca.pem', '-untrusted', 'inter.pem', 'chain-leaf.pem'])).trim(), 'chain-leaf.pem: OK');
    const alone = await openssl(['verify', '-CAfile', 'ecdsa-p256-ca.pem', 'chain-leaf.pem'], dir);
    assert.is.not(alone.code, 0);
    assert.match(alone.output, 'unable to get local issuer certificate');

    const chain = await verifyChain(leaf.certificate, { roots: [root.certificate], intermediates: [intermediate.certificate], at });
    assert.equal(chain.map((c) => c.subject.commonName), ['system:kube-proxy', 'tlsboot intermediate', 'tlsboot ecdsa-p256 CA']);
    assert.is(await verdict(leaf.certificate, { roots: [root.certificate], at }), 'CERT_UNKNOWN_ISSUER');
  });

  // (2) openssl x509 -text shows the extensions we meant.
  /** The value of an extension in `openssl x509 -text` output: the line after its header. */
  function extension(text: string, name: string): { critical: boolean; value: string } | undefined {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.trim().startsWith(`X509v3 ${name}:`));
    if (at < 0) return undefined;
    return { critical: /critical\s*$/.test(lines[at]!), value: (lines[at + 1] ?? '').trim() };
  }

  test('openssl x509 -text shows the leaf extensions and subject order we wrote', async () => {
    const text = await inDir(['x509', '-noout', '-text', '-in', 'ecdsa-p256-leaf.pem']);
    assert.equal(extension(text, 'Key Usage'), { critical: true, value: 'Digital Signature, Key Encipherment' });
    assert.equal(extension(text, 'Extended Key Usage'), { critical: false, value: 'TLS Web Server Authentication, TLS Web Client Authentication' });
    assert.equal(extension(text, 'Basic Constraints'), { critical: true, value: 'CA:FALSE' });

    const aki = extension(text, 'Authority Key Identifier');
    assert.ok(aki, 'Authority Key Identifier present');
    assert.is(aki.value.replace(/^keyid:/, '').replace(/:/g, '').toLowerCase(), get('ecdsa-p256').ca.certificate.subjectKeyId);

    const san = extension(text, 'Subject Alternative Name');
    assert.ok(san, 'Subject Alternative Name present');
    assert.is(san.critical, false);
    for (const name of ['DNS:kube-proxy.local', 'IP Address:127.0.0.1', 'email:admin@example.com', 'URI:spiffe://cluster.local/ns/kube-system/sa/kube-proxy']) {
      assert.ok(san.value.includes(name), `${name} in "${san.value}"`);
    }
    assert.match(san.value, /IP Address:(0:0:0:0:0:0:0:1|::1)\b/);

    const subject = /^\s*Subject: (.*)$/m.exec(text)?.[1] ?? '';
    assert.equal([...subject.matchAll(/(?:^|, )(\w+) = /g)].map((m) => m[1]), ['C', 'ST', 'L', 'O', 'OU', 'CN']);
    assert.is(subject, 'C = CN, ST = BeiJing, L = BeiJing, O = k8s, OU = System, CN = system:kube-proxy');
    assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
  });

  test('openssl x509 -text shows our CA as CA:TRUE with Certificate Sign', async () => {
    for (const spec of specs) {
      const text = await inDir(['x509', '-noout', '-text', '-in', `${spec}-ca.pem`]);
      assert.equal(extension(text, 'Basic Constraints'), { critical: true, value: 'CA:TRUE' }, spec);
      const ku = extension(text, 'Key Usage');
      assert.ok(ku?.critical, `${spec}: Key Usage critical`);
      assert.ok(ku.value.split(', ').includes('Certificate Sign'), `${spec}: ${ku.value}`);
      assert.ok(extension(text, 'Subject Key Identifier'), `${spec}: Subject Key Identifier present`);
    }
  });

  // (4) keys written by openssl load, with the right spec and the same public key.
  const opensslKeys: { name: string; args: string[]; header: RegExp; spec: KeySpec }[] = [
    { name: 'genrsa.pem', args: ['genrsa', '-out', 'genrsa.pem', '2048'], header: /^-----BEGIN (PRIVATE KEY|RSA PRIVATE KEY)-----/, spec: 'rsa-2048' },
    { name: 'ecparam-p256.pem', args: ['ecparam', '-name', 'prime256v1', '-genkey', '-out', 'ecparam-p256.pem'], header: /^-----BEGIN EC PARAMETERS-----[^]*-----BEGIN EC PRIVATE KEY-----/, spec: 'ecdsa-p256' },
    { name: 'ecparam-p384-noout.pem', args: ['ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', 'ecparam-p384-noout.pem'], header: /^-----BEGIN EC PRIVATE KEY-----/, spec: 'ecdsa-p384' },
    { name: 'genpkey-ed25519.pem', args: ['genpkey', '-algorithm', 'ed25519', '-out', 'genpkey-ed25519.pem'], header: /^-----BEGIN PRIVATE KEY-----/, spec: 'ed25519' },
  ];
  const openssl3 = /^OpenSSL [3-9]\./.test(version);
  if (openssl3) {
    // OpenSSL 3 writes PKCS#8 by default; -traditional gives the PKCS#1 form 1.1.1 wrote.
    opensslKeys[0]!.header = /^-----BEGIN PRIVATE KEY-----/;
    opensslKeys.push({ name: 'genrsa-traditional.pem', args: ['genrsa', '-traditional', '-out', 'genrsa-traditional.pem', '2048'], header: /^-----BEGIN RSA PRIVATE KEY-----/, spec: 'rsa-2048' });
  } else {
    console.log(`skip: genrsa -traditional needs OpenSSL 3 (found ${version}); its default output is PKCS#1 already`);
  }

  test('keys from openssl genrsa / ecparam -genkey / genpkey load with importPrivateKeyPem', async () => {
    for (const { name, args, header, spec } of opensslKeys) {
      await inDir(args);
      const text = await read(name);
      assert.match(text, header, `${name} is in the form under test`);
      const keys = await importPrivateKeyPem(text, name);
      assert.is(keys.spec, spec, name);
      assert.is(await exportPublicKeyPem(keys), await inDir(['pkey', '-in', name, '-pubout']), `${name}: same public key as openssl pkey -pubout`);
    }
  });

  // (3) CSRs made by openssl req parse, verify and can be signed.
  for (const [label, key, spec, sigalg] of [
    ['RSA', 'genrsa.pem', 'rsa-2048', 'SHA256-RSA'],
    ['EC', 'ecparam-p256.pem', 'ecdsa-p256', 'ECDSA-SHA256'],
  ] as const) {
    test(`a CSR from openssl req with an ${label} key parses, verifies and is signed by our CA`, async () => {
      const csrFile = `openssl-${label}.csr`;
      await inDir(['req', '-new', '-key', key, '-subj', '/C=CN/ST=BeiJing/L=BeiJing/O=k8s/OU=System/CN=system:kube-proxy',
        '-addext', 'subjectAltName=DNS:a,IP:127.0.0.1', '-out', csrFile]);
      const request = parseCertificateRequestPem(await read(csrFile), csrFile);
      await verifyCertificateRequest(request, csrFile);
      assert.equal(request.subject, kubeProxySubject);
      assert.equal(request.subjectAltNames, { dnsNames: ['a'], ipAddresses: ['127.0.0.1'] });
      assert.is(request.keySpec, spec);
      assert.is(request.signatureAlgorithm, sigalg);
      const pub = decodeOnePem(await inDir(['pkey', '-in', key, '-pubout']), ['PUBLIC KEY']).der;
      assert.ok(Buffer.from(request.publicKeySpki).equals(Buffer.from(pub)), 'CSR carries the key openssl used');

      const { ca } = get('ecdsa-p256');
      const certificate = await signCertificate({ ca, request, profile: clientOnly, now });
      await write(`openssl-${label}.pem`, certificate.pem);
      assert.is((await inDir(['verify', '-CAfile', 'ecdsa-p256-ca.pem', '-purpose', 'sslclient', `openssl-${label}.pem`])).trim(), `openssl-${label}.pem: OK`);
      assert.equal(certificate.subject, kubeProxySubject);
      assert.equal(certificate.subjectAltNames, request.subjectAltNames);
      assert.is(await verdict(certificate, { roots: [ca.certificate], at: now, usages: ['client auth'] }), 'OK');
    });
  }

  // (5) keys we export load in openssl, with the public key we say.
  const exportForms: [Spec, PrivateKeyFormat, string][] = [
    ['ecdsa-p256', 'pkcs8', 'PRIVATE KEY'],
    ['ecdsa-p256', 'sec1', 'EC PRIVATE KEY'],
    ['ecdsa-p384', 'sec1', 'EC PRIVATE KEY'],
    ['rsa-2048', 'pkcs8', 'PRIVATE KEY'],
    ['rsa-2048', 'pkcs1', 'RSA PRIVATE KEY'],
    ['ed25519', 'pkcs8', 'PRIVATE KEY'],
  ];
  test('our exported keys load in openssl pkey and have the public key we export', async () => {
    for (const [spec, form, type] of exportForms) {
      const { keys } = get(spec).leaf;
      const name = `ours-${spec}-${form}.pem`;
      const pem = await exportPrivateKeyPem(keys, form);
      assert.ok(pem.startsWith(`-----BEGIN ${type}-----`), `${name} is ${type}`);
      await write(name, pem);
      await inDir(['pkey', '-in', name, '-noout']);
      assert.is(await inDir(['pkey', '-in', name, '-pubout']), await exportPublicKeyPem(keys), `${name}: openssl derives our public key`);
    }
  });

  // (6) openssl accepts the signature of our CSRs.
  test('openssl req -verify accepts our CSRs', async () => {
    for (const spec of specs) {
      const r = await openssl(['req', '-verify', '-noout', '-in', `${spec}-leaf.csr`], dir);
      assert.is(r.code, 0, `${spec}: ${r.output}`);
      assert.match(r.output, /verify OK/i);
    }
  });

  // (7) openssl and verifyChain refuse the same files, for distinct reasons.
  test('openssl verify and verifyChain reject a leaf signed by another CA', async () => {
    const { ca } = get('ecdsa-p256');
    const other = await newCa('ecdsa-p256', 'another CA');
    const leaf = await issue(other, 'ecdsa-p256');
    await write('other-leaf.pem', leaf.certificate.pem);
    const r = await openssl(['verify', '-CAfile', 'ecdsa-p256-ca.pem', 'other-leaf.pem'], dir);
    assert.is.not(r.code, 0);
    assert.match(r.output, 'error 20'); // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    assert.is(await verdict(leaf.certificate, { roots: [ca.certificate], at: now }), 'CERT_UNKNOWN_ISSUER');

    // Same subject as the trusted CA, another key: Go (and verifyChain) try the candidate and
    // fail on its signature; openssl already refuses it as issuer by its key identifier.
    const impostor = await newCa('ecdsa-p256', 'tlsboot ecdsa-p256 CA');
    const forged = await issue(impostor, 'ecdsa-p256');
    await write('forged-leaf.pem', forged.certificate.pem);
    const f = await openssl(['verify', '-CAfile', 'ecdsa-p256-ca.pem', 'forged-leaf.pem'], dir);
    assert.is.not(f.code, 0);
    assert.match(f.output, /error (7|20)\b/);
    assert.is(await verdict(forged.certificate, { roots: [ca.certificate], at: now }), 'CERT_BAD_SIGNATURE');
  });

  test('openssl verify -attime and verifyChain agree on expired and not yet valid', async () => {
    const { ca } = get('ecdsa-p256');
    const leaf = await issue(ca, 'ecdsa-p256', { ...serverAndClient, ttlMs: hour });
    await write('short-leaf.pem', leaf.certificate.pem);
    const verifyAt = (at: Date) => openssl(['verify', '-attime', epoch(at), '-CAfile', 'ecdsa-p256-ca.pem', 'short-leaf.pem'], dir);
    const roots = [ca.certificate];

    const within = new Date(now.getTime() + 30 * 60_000);
    assert.is((await verifyAt(within)).code, 0);
    assert.is(await verdict(leaf.certificate, { roots, at: within }), 'OK');

    const later = new Date(now.getTime() + 2 * hour);
    const expired = await verifyAt(later);
    assert.is.not(expired.code, 0);
    assert.match(expired.output, /error 10 at 0 depth lookup: certificate has expired/); // X509_V_ERR_CERT_HAS_EXPIRED
    assert.is(await verdict(leaf.certificate, { roots, at: later }), 'CERT_EXPIRED');

    const before = new Date(now.getTime() - day);
    const early = await verifyAt(before);
    assert.is.not(early.code, 0);
    assert.match(early.output, /error 9 at \d depth lookup: certificate is not yet valid/); // X509_V_ERR_CERT_NOT_YET_VALID
    assert.is(await verdict(leaf.certificate, { roots, at: before }), 'CERT_NOT_YET_VALID');
  });

  test('openssl verify -purpose and verifyChain usages agree on a client-only certificate', async () => {
    const { ca } = get('ecdsa-p256');
    const leaf = await issue(ca, 'ecdsa-p256', clientOnly);
    await write('client-leaf.pem', leaf.certificate.pem);
    const asServer = await openssl(['verify', '-purpose', 'sslserver', '-CAfile', 'ecdsa-p256-ca.pem', 'client-leaf.pem'], dir);
    assert.is.not(asServer.code, 0);
    assert.match(asServer.output, /error 26 at 0 depth/); // X509_V_ERR_INVALID_PURPOSE
    assert.is(await verdict(leaf.certificate, { roots: [ca.certificate], at: now, usages: ['server auth'] }), 'CERT_WRONG_USAGE');
    assert.is((await openssl(['verify', '-purpose', 'sslclient', '-CAfile', 'ecdsa-p256-ca.pem', 'client-leaf.pem'], dir)).code, 0);
    assert.is(await verdict(leaf.certificate, { roots: [ca.certificate], at: now, usages: ['client auth'] }), 'OK');
  });

  test('what openssl read back is what we parsed', async () => {
    // Round trip of the files the suite wrote: our parser and openssl name the same subject.
    const cert = parseCertificatePem(await read('ecdsa-p256-leaf.pem'), 'ecdsa-p256-leaf.pem');
    const line = await inDir(['x509', '-noout', '-subject', '-serial', '-in', 'ecdsa-p256-leaf.pem']);
    assert.match(line, 'subject=C = CN, ST = BeiJing, L = BeiJing, O = k8s, OU = System, CN = system:kube-proxy');
    assert.is(/serial=([0-9A-F]+)/.exec(line)?.[1]?.toLowerCase().replace(/^0+/, ''), cert.serialNumber.replace(/^0+/, ''));
  });
}

test.run();
