// kube-controller-manager flags: cmd/kube-controller-manager/app/options/options_test.go and
// csrsigningcontroller validation cases, staging/src/k8s.io/controller-manager/options/generic_test.go
// (--controllers with aliases), k8s.io/controller-manager/app/helper_test.go TestIsControllerEnabled.
import { Hour } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disabledByDefaultControllers } from '../names.js';
import { parseKubeControllerManagerFlags } from './flags.js';
import { isControllerEnabled, kubeControllerManagerOptions } from './options.js';

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.is((err as { code?: string }).code, 'KCM_FLAGS_INVALID');
    return (err as Error).message;
  }
  throw new Error('expected a KCM_FLAGS_INVALID error');
}

test('defaults: --controllers=*, no service-account credentials, --cluster-signing-duration=8760h', () => {
  const o = parseKubeControllerManagerFlags([]);
  assert.equal(o.controllers, ['*']);
  assert.is(o.useServiceAccountCredentials, false);
  assert.is(o.clusterSigningDurationMs, 8760 * Hour);
  assert.is(o.kubeconfig, undefined);
});

test('kubeadm flags: every flag by its real name, both `--f=v` and `--f v`; aliases become canonical names (generic.go ApplyTo)', () => {
  const o = parseKubeControllerManagerFlags([
    '--kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--controllers=*,bootstrapsigner,tokencleaner',
    '--use-service-account-credentials=true',
    '--cluster-signing-cert-file',
    '/etc/kubernetes/pki/ca.crt',
    '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
    '--cluster-signing-duration=720h',
    '--root-ca-file=/etc/kubernetes/pki/ca.crt',
    '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
  ]);
  assert.equal(o.controllers, ['*', 'bootstrap-signer-controller', 'token-cleaner-controller']);
  assert.is(o.useServiceAccountCredentials, true);
  assert.is(o.kubeconfig, '/etc/kubernetes/controller-manager.conf');
  assert.is(o.clusterSigningCertFile, '/etc/kubernetes/pki/ca.crt');
  assert.is(o.clusterSigningKeyFile, '/etc/kubernetes/pki/ca.key');
  assert.is(o.clusterSigningDurationMs, 720 * Hour);
  assert.is(o.rootCAFile, '/etc/kubernetes/pki/ca.crt');
  assert.is(o.serviceAccountPrivateKeyFile, '/etc/kubernetes/pki/sa.key');
});

test('per-signer files and pflag booleans (`--flag`, `--flag=false`)', () => {
  const o = parseKubeControllerManagerFlags([
    '--use-service-account-credentials',
    '--cluster-signing-kubelet-client-cert-file=c.crt',
    '--cluster-signing-kubelet-client-key-file=c.key',
    '--cluster-signing-kubelet-serving-cert-file=s.crt',
    '--cluster-signing-kubelet-serving-key-file=s.key',
  ]);
  assert.is(o.useServiceAccountCredentials, true);
  assert.equal(o.kubeletClientSigner, { certFile: 'c.crt', keyFile: 'c.key' });
  assert.equal(o.kubeletServingSigner, { certFile: 's.crt', keyFile: 's.key' });
  assert.equal(o.legacyUnknownSigner, {});
  assert.is(parseKubeControllerManagerFlags(['--use-service-account-credentials=false']).useServiceAccountCredentials, false);
});

test('generic.go Validate: unknown names refused with upstream wording, `-` and aliases understood', () => {
  assert.is(failure(() => parseKubeControllerManagerFlags(['--controllers=*,notacontroller'])), '"notacontroller" is not in the list of known controllers');
  assert.is(failure(() => parseKubeControllerManagerFlags(['--controllers=-notacontroller'])), '"notacontroller" is not in the list of known controllers');
  assert.is(
    failure(() => kubeControllerManagerOptions({ controllers: ['red', 'csrapproving', 'blue'] })),
    '["red" is not in the list of known controllers, "blue" is not in the list of known controllers]',
  );
  assert.equal(kubeControllerManagerOptions({ controllers: ['*', '-csrcleaner', 'certificatesigningrequest-signing-controller'] }).controllers, [
    '*',
    '-certificatesigningrequest-cleaner-controller',
    'certificatesigningrequest-signing-controller',
  ]);
});

test('csrsigningcontroller.go Validate: pairs both-or-neither, shared and per-signer files exclusive (labels as upstream)', () => {
  assert.is(failure(() => parseKubeControllerManagerFlags(['--cluster-signing-kubelet-serving-cert-file=a'])), '"cluster-signing-kubelet-serving": cannot specify cert without key');
  // upstream labels the kubelet-client pair "cluster-signing-kube-apiserver-client"
  assert.is(failure(() => parseKubeControllerManagerFlags(['--cluster-signing-kubelet-client-key-file=a'])), '"cluster-signing-kube-apiserver-client": cannot specify key without cert');
  assert.is(failure(() => parseKubeControllerManagerFlags(['--cluster-signing-kube-apiserver-client-cert-file=a'])), '"cluster-signing-kube-apiserver": cannot specify cert without key');
  assert.is(
    failure(() =>
      parseKubeControllerManagerFlags(['--cluster-signing-cert-file=ca.crt', '--cluster-signing-key-file=ca.key', '--cluster-signing-legacy-unknown-cert-file=l.crt', '--cluster-signing-legacy-unknown-key-file=l.key']),
    ),
    'cannot specify --cluster-signing-{cert,key}-file and other --cluster-signing-*-file flags at the same time',
  );
});

test('pflag errors: unknown flag, missing value, bad boolean, bad duration, positional arguments', () => {
  assert.is(failure(() => parseKubeControllerManagerFlags(['--leader-elect-nonsense=1'])), 'unknown flag: --leader-elect-nonsense');
  assert.is(failure(() => parseKubeControllerManagerFlags(['--kubeconfig'])), 'flag needs an argument: --kubeconfig');
  assert.is(
    failure(() => parseKubeControllerManagerFlags(['--use-service-account-credentials=yes'])),
    'invalid argument "yes" for "--use-service-account-credentials" flag: strconv.ParseBool: parsing "yes": invalid syntax',
  );
  assert.is(failure(() => parseKubeControllerManagerFlags(['--cluster-signing-duration=1y'])), 'invalid argument "1y" for "--cluster-signing-duration" flag: time: invalid duration "1y"');
  assert.match(failure(() => parseKubeControllerManagerFlags(['extra'])), 'does not take any arguments');
});

test('helper_test.go TestIsControllerEnabled: first explicit mention wins, `*` enables only the default-on ones', () => {
  const off = new Set(disabledByDefaultControllers);
  const cases: Array<[string, string[], boolean]> = [
    ['certificatesigningrequest-approving-controller', [], false],
    ['certificatesigningrequest-approving-controller', ['*'], true],
    ['certificatesigningrequest-approving-controller', ['*', '-certificatesigningrequest-approving-controller'], false],
    ['certificatesigningrequest-approving-controller', ['-certificatesigningrequest-approving-controller', '*'], false],
    ['certificatesigningrequest-approving-controller', ['certificatesigningrequest-approving-controller', '-certificatesigningrequest-approving-controller'], true],
    ['token-cleaner-controller', ['*'], false],
    ['bootstrap-signer-controller', ['*'], false],
    ['bootstrap-signer-controller', ['*', 'bootstrap-signer-controller'], true],
    ['certificatesigningrequest-cleaner-controller', ['certificatesigningrequest-approving-controller'], false],
  ];
  for (const [name, controllers, want] of cases) assert.is(isControllerEnabled(name, off, controllers), want, `${name} with ${controllers.join(',')}`);
});

test.run();
