// kube-apiserver flags → ApiServerOptions. Upstream: pkg/kubeapiserver/options/authentication_test.go,
// authorization_test.go (TestAuthzValidate), k8s.io/apiserver/pkg/server/options/admission_test.go,
// serving.go Validate, spf13/pflag flag.go / bool.go / int.go / duration.go / ip.go errors,
// cmd/kube-apiserver/app/server.go (no positional arguments).
import { createCertificateAuthority, exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair } from '@tlsboot/pki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKubeApiServerFlagValues } from './flags.js';
import { admissionPluginsFromFlags, parseKubeApiServerFlags } from './options.js';

async function failure(p: () => unknown): Promise<string> {
  try {
    await p();
  } catch (err) {
    assert.is((err as { code?: string }).code, 'KUBE_APISERVER_FLAGS_INVALID', (err as Error).message);
    return (err as Error).message;
  }
  throw new Error('expected a KUBE_APISERVER_FLAGS_INVALID error');
}

test('no flags: no options, so every startApiServer default (kubeadm\'s values) stays', async () => {
  assert.equal(await parseKubeApiServerFlags([]), {});
});

test('authorization.go: --authorization-mode is an ordered StringSlice; repeats append', async () => {
  assert.equal((await parseKubeApiServerFlags(['--authorization-mode=AlwaysAllow'])).authorizationModes, ['AlwaysAllow']);
  assert.equal((await parseKubeApiServerFlags(['--authorization-mode', 'RBAC,Node'])).authorizationModes, ['RBAC', 'Node']);
  assert.equal((await parseKubeApiServerFlags(['--authorization-mode=Node', '--authorization-mode=RBAC,AlwaysDeny'])).authorizationModes, ['Node', 'RBAC', 'AlwaysDeny']);
});

test('authorization.go Validate (TestAuthzValidate): empty, invalid and repeated modes with upstream wording; Webhook/ABAC not simulated', async () => {
  assert.is(await failure(() => parseKubeApiServerFlags(['--authorization-mode='])), 'at least one authorization-mode must be passed');
  assert.is(await failure(() => parseKubeApiServerFlags(['--authorization-mode=Foo'])), 'authorization-mode "Foo" is not a valid mode');
  assert.is(await failure(() => parseKubeApiServerFlags(['--authorization-mode=Node,RBAC,Node'])), 'authorization-mode ["Node" "RBAC" "Node"] has mode specified more than once');
  assert.is(
    await failure(() => parseKubeApiServerFlags(['--authorization-mode=Node,Webhook'])),
    'authorization-mode "Webhook" is a real kube-apiserver mode that tlsboot does not simulate (simulated: Node, RBAC, AlwaysAllow, AlwaysDeny)',
  );
  assert.is(
    await failure(() => parseKubeApiServerFlags(['--authorization-mode=Bad,Node,Node'])),
    '[authorization-mode "Bad" is not a valid mode, authorization-mode ["Bad" "Node" "Node"] has mode specified more than once]',
  );
});

test('authentication.go: --anonymous-auth and --enable-bootstrap-token-auth as pflag booleans (`--f`, `--f=false`, `--f=0`)', async () => {
  assert.equal(await parseKubeApiServerFlags(['--anonymous-auth=false', '--enable-bootstrap-token-auth']), { anonymousAuth: false, enableBootstrapTokenAuth: true });
  assert.equal(await parseKubeApiServerFlags(['--anonymous-auth', '--enable-bootstrap-token-auth=0']), { anonymousAuth: true, enableBootstrapTokenAuth: false });
  assert.equal(await parseKubeApiServerFlags(['--anonymous-auth=F', '--anonymous-auth=T']), { anonymousAuth: true }); // the last use wins
});

test('admission.go: enabled = default-on + --enable-admission-plugins (kubeadm NodeRestriction when absent) − --disable-admission-plugins', async () => {
  assert.is(admissionPluginsFromFlags({}), undefined);
  assert.equal((await parseKubeApiServerFlags(['--enable-admission-plugins=NodeRestriction'])).enableAdmissionPlugins, [
    'NodeRestriction',
    'CertificateApproval',
    'CertificateSigning',
    'CertificateSubjectRestriction',
  ]);
  // upstream's own default: NodeRestriction is off unless enabled
  assert.equal((await parseKubeApiServerFlags(['--enable-admission-plugins=NamespaceLifecycle'])).enableAdmissionPlugins, [
    'CertificateApproval',
    'CertificateSigning',
    'CertificateSubjectRestriction',
  ]);
  assert.equal((await parseKubeApiServerFlags(['--disable-admission-plugins=CertificateApproval,ServiceAccount'])).enableAdmissionPlugins, [
    'NodeRestriction',
    'CertificateSigning',
    'CertificateSubjectRestriction',
  ]);
});

test('admission.go Validate: unknown names and overlaps with upstream wording; real plugins tlsboot does not run refused', async () => {
  assert.is(await failure(() => parseKubeApiServerFlags(['--enable-admission-plugins=NodeRestrictions'])), 'enable-admission-plugins plugin "NodeRestrictions" is unknown');
  assert.is(await failure(() => parseKubeApiServerFlags(['--disable-admission-plugins=Nope'])), 'disable-admission-plugins plugin "Nope" is unknown');
  assert.is(
    await failure(() => parseKubeApiServerFlags(['--enable-admission-plugins=NodeRestriction,CertificateSigning', '--disable-admission-plugins=CertificateSigning,NodeRestriction'])),
    '[CertificateSigning NodeRestriction] in enable-admission-plugins and disable-admission-plugins overlapped', // sets.List(): sorted
  );
  assert.match(await failure(() => parseKubeApiServerFlags(['--enable-admission-plugins=PodSecurity'])), /^admission plugin "PodSecurity" is a real kube-apiserver plugin that tlsboot does not simulate \(simulated: NamespaceLifecycle, NodeRestriction/);
  assert.match(await failure(() => parseKubeApiServerFlags(['--disable-admission-plugins=NamespaceLifecycle'])), 'cannot be disabled');
});

test('serving.go: --secure-port (Go ParseInt base 0) and --bind-address (127.0.0.1 only)', async () => {
  assert.equal(await parseKubeApiServerFlags(['--secure-port=6443', '--bind-address=127.0.0.1']), { port: 6443, host: '127.0.0.1' });
  assert.equal(await parseKubeApiServerFlags(['--secure-port', '0x1A0B']), { port: 6667 });
  assert.is(await failure(() => parseKubeApiServerFlags(['--secure-port=0'])), '--secure-port 0 must be between 1 and 65535, inclusive. It cannot be turned off with 0');
  assert.is(await failure(() => parseKubeApiServerFlags(['--secure-port=70000'])), '--secure-port 70000 must be between 1 and 65535, inclusive. It cannot be turned off with 0');
  assert.is(await failure(() => parseKubeApiServerFlags(['--secure-port=https'])), 'invalid argument "https" for "--secure-port" flag: strconv.ParseInt: parsing "https": invalid syntax');
  assert.is(await failure(() => parseKubeApiServerFlags(['--bind-address=localhost'])), 'invalid argument "localhost" for "--bind-address" flag: failed to parse IP: "localhost"');
  assert.is(
    await failure(() => parseKubeApiServerFlags(['--bind-address=0.0.0.0'])),
    '--bind-address=0.0.0.0: tlsboot serves every component on 127.0.0.1 only; leave the flag out or set --bind-address=127.0.0.1',
  );
});

test('authentication.go: --service-account-issuer is a StringArray (no comma split), --api-audiences a StringSlice, --service-account-max-token-expiration a Duration', async () => {
  const o = await parseKubeApiServerFlags([
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    '--service-account-issuer',
    'https://old.example,with-comma',
    '--api-audiences=a,b',
    '--api-audiences=c',
    '--service-account-max-token-expiration=48h',
  ]);
  assert.equal(o.serviceAccountIssuer, ['https://kubernetes.default.svc.cluster.local', 'https://old.example,with-comma']);
  assert.equal(o.apiAudiences, ['a', 'b', 'c']);
  assert.is(o.serviceAccountMaxTokenExpirationSeconds, 48 * 3600);
});

test('authentication.go Validate and completion: issuer empty or repeated, max token expiration bounds, Go duration errors', async () => {
  assert.is(await failure(() => parseKubeApiServerFlags(['--service-account-issuer='])), 'service-account-issuer should not be an empty string');
  assert.is(await failure(() => parseKubeApiServerFlags(['--service-account-issuer=https://a', '--service-account-issuer=https://a'])), 'service-account-issuer "https://a" is already specified');
  assert.is(await failure(() => parseKubeApiServerFlags(['--service-account-max-token-expiration=59m'])), 'the service-account-max-token-expiration must be between 1 hour and 2^32 seconds');
  assert.is(await failure(() => parseKubeApiServerFlags(['--service-account-max-token-expiration=1193047h'])), 'the service-account-max-token-expiration must be between 1 hour and 2^32 seconds');
  assert.equal(await parseKubeApiServerFlags(['--service-account-max-token-expiration=0s']), { serviceAccountMaxTokenExpirationSeconds: 0 });
  assert.is(
    await failure(() => parseKubeApiServerFlags(['--service-account-max-token-expiration=1y'])),
    'invalid argument "1y" for "--service-account-max-token-expiration" flag: time: unknown unit "y" in duration "1y"',
  );
  assert.is(
    await failure(() => parseKubeApiServerFlags(['--service-account-max-token-expiration=3600'])),
    'invalid argument "3600" for "--service-account-max-token-expiration" flag: time: missing unit in duration "3600"',
  );
});

test('pflag: unknown flag, shorthand, missing value, bad boolean; cobra: no positional arguments', async () => {
  assert.is(await failure(() => parseKubeApiServerFlags(['--max-request-body-bytes=1'])), 'unknown flag: --max-request-body-bytes'); // upstream has no such flag
  assert.is(await failure(() => parseKubeApiServerFlags(['-x'])), "unknown shorthand flag: 'x' in -x");
  assert.is(await failure(() => parseKubeApiServerFlags(['--client-ca-file'])), 'flag needs an argument: --client-ca-file');
  assert.is(await failure(() => parseKubeApiServerFlags(['--anonymous-auth=no'])), 'invalid argument "no" for "--anonymous-auth" flag: strconv.ParseBool: parsing "no": invalid syntax');
  assert.is(await failure(() => parseKubeApiServerFlags(['--anonymous-auth', 'false'])), '"kube-apiserver" does not take any arguments, got ["false"]');
});

test('real flags tlsboot does not simulate are named as such, not as unknown', async () => {
  assert.is(await failure(() => parseKubeApiServerFlags(['--etcd-servers=https://127.0.0.1:2379'])), '--etcd-servers is a real kube-apiserver flag that tlsboot does not simulate');
  assert.is(await failure(() => parseKubeApiServerFlags(['--authorization-mode=Node', '--tls-cert-file', '/etc/kubernetes/pki/apiserver.crt'])), '--tls-cert-file is a real kube-apiserver flag that tlsboot does not simulate');
});

test('files: --client-ca-file, --kubelet-*, service-account keys read through readFile relative to baseDir', async () => {
  const now = new Date();
  const ca = await createCertificateAuthority({ subject: { commonName: 'other-ca' }, now });
  const sa = await generateKeyPair();
  const old = await generateKeyPair();
  const store: Record<string, string> = {
    '/pki/ca.crt': ca.certificate.pem,
    '/pki/client.crt': 'CERT',
    '/pki/client.key': 'KEY',
    '/pki/sa.key': await exportPrivateKeyPem(sa),
    '/pki/sa.pub': await exportPublicKeyPem(sa),
    '/pki/old.pub': `# rotated out\n${await exportPublicKeyPem(old)}`,
  };
  const files = { baseDir: '/pki', readFile: (p: string) => store[p] ?? Promise.reject(Object.assign(new Error('nope'), { code: 'ENOENT' })) };
  const o = await parseKubeApiServerFlags(
    [
      '--client-ca-file=ca.crt',
      '--kubelet-client-certificate=client.crt',
      '--kubelet-client-key=/pki/client.key',
      '--kubelet-certificate-authority=ca.crt',
      '--kubelet-preferred-address-types=InternalIP,Hostname',
      '--service-account-signing-key-file=sa.key',
      '--service-account-key-file=sa.pub',
      '--service-account-key-file=old.pub',
    ],
    files,
  );
  assert.equal(o.clientCAs?.map((c) => c.pem), [ca.certificate.pem]);
  assert.is(o.kubeletClientCertificate, 'CERT');
  assert.is(o.kubeletClientKey, 'KEY');
  assert.is(o.kubeletCertificateAuthority, ca.certificate.pem);
  assert.equal(o.kubeletPreferredAddressTypes, ['InternalIP', 'Hostname']);
  assert.is(await exportPublicKeyPem(o.serviceAccountKeys!), store['/pki/sa.pub']);
  assert.equal(await Promise.all(o.serviceAccountPublicKeys!.map((k) => exportPublicKeyPem({ publicKey: k }))), [store['/pki/sa.pub'], await exportPublicKeyPem(old)]);

  assert.is(await failure(() => parseKubeApiServerFlags(['--client-ca-file=missing.crt'], files)), 'unable to load client CA file: open missing.crt: no such file or directory');
  assert.is(
    await failure(() => parseKubeApiServerFlags(['--service-account-key-file=client.crt'], files)),
    'error reading public key file client.crt: data does not contain any valid RSA or ECDSA public keys',
  );
  assert.match(await failure(() => parseKubeApiServerFlags(['--service-account-signing-key-file=sa.pub'], files)), /^failed to parse service-account-issuer-key-file: error reading private key file sa.pub: /);
});

test('differs from upstream: a --kubelet-client-certificate without --kubelet-client-key is refused at start (tlsboot\'s own rule; upstream fails later, when it loads the TLS pair for its first kubelet request)', async () => {
  const files = { readFile: async () => '' };
  assert.is(await failure(() => parseKubeApiServerFlags(['--kubelet-client-certificate=client.crt'], files)), '--kubelet-client-certificate and --kubelet-client-key must be given together');
});

test('parseKubeApiServerFlagValues keeps what was given, nothing more', () => {
  assert.equal(parseKubeApiServerFlagValues(['--secure-port=6443', '--api-audiences=']), { securePort: 6443, apiAudiences: [] });
});

test.run();
