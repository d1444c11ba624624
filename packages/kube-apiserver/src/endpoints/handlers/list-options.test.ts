import { lookupResource } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseListOptions } from './list-options.js';

const secrets = lookupResource('', 'v1', 'secrets')!;
const csrs = lookupResource('certificates.k8s.io', 'v1', 'certificatesigningrequests')!;
const q = (s: string) => new URLSearchParams(s);
const fail = (fn: () => unknown): { code: number; message: string } => {
  try {
    fn();
  } catch (err) {
    return { code: (err as { statusCode: number }).statusCode, message: (err as Error).message };
  }
  throw new Error('no error');
};
const secret = (name: string, labels: Record<string, string>, type = 'Opaque') => ({ metadata: { name, namespace: 'default', labels }, type });

test('label and field selectors become one predicate', () => {
  const o = parseListOptions(secrets, q('labelSelector=app%3Dweb&fieldSelector=type%3DOpaque'));
  assert.ok(o.predicate!(secret('a', { app: 'web' })));
  assert.not.ok(o.predicate!(secret('a', { app: 'db' })));
  assert.not.ok(o.predicate!(secret('a', { app: 'web' }, 'kubernetes.io/tls')));
  assert.is(parseListOptions(secrets, q('')).predicate, undefined);
});

test('CSR spec.signerName is selectable; an unsupported field is 400 with upstream wording', () => {
  const o = parseListOptions(csrs, q('fieldSelector=spec.signerName%3Dkubernetes.io%2Fkubelet-serving'));
  assert.ok(o.predicate!({ metadata: { name: 'c' }, spec: { signerName: 'kubernetes.io/kubelet-serving' } }));
  assert.equal(fail(() => parseListOptions(secrets, q('fieldSelector=spec.nodeName%3Dx'))), { code: 400, message: 'field label not supported: spec.nodeName' });
});

test('a label selector that does not parse is 400', () => {
  const f = fail(() => parseListOptions(secrets, q('labelSelector=a%20b%20c')));
  assert.is(f.code, 400);
});

test('watch flag, bookmarks, timeout; a bad number is 400', () => {
  const o = parseListOptions(secrets, q('watch=1&allowWatchBookmarks=true&timeoutSeconds=5&resourceVersion=10'));
  assert.equal([o.watch, o.allowWatchBookmarks, o.timeoutSeconds, o.resourceVersion], [true, true, 5, '10']);
  assert.equal(fail(() => parseListOptions(secrets, q('timeoutSeconds=soon'))), { code: 400, message: 'strconv.ParseInt: parsing "soon": invalid syntax' });
});

test('ValidateListOptions: 422 on ListOptions.meta.k8s.io', () => {
  assert.equal(fail(() => parseListOptions(secrets, q('resourceVersionMatch=Exact'))), {
    code: 422,
    message: 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
  });
  assert.equal(fail(() => parseListOptions(secrets, q('sendInitialEvents=true'))).message, 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list');
  assert.match(fail(() => parseListOptions(secrets, q('watch=true&resourceVersionMatch=NotOlderThan'))).message, 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided');
});

test.run();
