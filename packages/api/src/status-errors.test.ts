/**
 * k8s.io/apimachinery/pkg/api/errors/errors.go constructors; byte-for-byte bodies from
 * reference/k8s-authn-authz.md §3.5 and §4.9 (the 401 and 403 forms match real captures).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import { fieldInvalid, fieldNotSupported, fieldRequired, newFieldPath } from './field-errors.js';
import {
  StatusError,
  errorToAPIStatus,
  isAlreadyExists,
  isBadRequest,
  isConflict,
  isForbidden,
  isGone,
  isInternalError,
  isInvalid,
  isMethodNotSupported,
  isNotAcceptable,
  isNotFound,
  isResourceExpired,
  isServiceUnavailable,
  isStatusError,
  isTimeout,
  isTooManyRequests,
  isUnauthorized,
  isUnsupportedMediaType,
  newAlreadyExists,
  newBadRequest,
  newConflict,
  newForbidden,
  newGenerateNameConflict,
  newGone,
  newInternalError,
  newInvalid,
  newMethodNotSupported,
  newNotAcceptable,
  newNotFound,
  newRequestEntityTooLarge,
  newResourceExpired,
  newServerTimeout,
  newServiceUnavailable,
  newTimeout,
  newTooManyRequests,
  newTooManyRequestsError,
  newUnauthorized,
  newUnsupportedMediaType,
  optimisticLockErrorMessage,
  reasonForError,
  statusErrorFromStatus,
} from './status-errors.js';

const csr = { group: 'certificates.k8s.io', resource: 'certificatesigningrequests' };
const secrets = { group: '', resource: 'secrets' };
const json = (e: StatusError) => JSON.stringify(e);

test('401 Unauthorized: the 129-byte body of a real apiserver', () => {
  const body = json(newUnauthorized('Unauthorized'));
  assert.is(body, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}');
  // The apiserver's JSON encoder ends every body with a newline: 128 bytes of JSON + "\n".
  assert.is(body.length + 1, 129);
  assert.is(newUnauthorized('').message, 'not authorized');
});

test('403 Forbidden: named, unnamed and non-resource forms', () => {
  const inner = 'User "system:anonymous" cannot create resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope';
  assert.is(
    json(newForbidden(csr, '', new Error(inner))),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"certificatesigningrequests.certificates.k8s.io is forbidden: User \\"system:anonymous\\" cannot create resource \\"certificatesigningrequests\\" in API group \\"certificates.k8s.io\\" at the cluster scope","reason":"Forbidden","details":{"group":"certificates.k8s.io","kind":"certificatesigningrequests"},"code":403}',
  );
  assert.is(newForbidden(csr, 'csr-1', 'user not permitted to approve requests with signerName "s"').message,
    'certificatesigningrequests.certificates.k8s.io "csr-1" is forbidden: user not permitted to approve requests with signerName "s"');
  const nonResource = newForbidden({ group: '', resource: '' }, '', 'User "system:anonymous" cannot get path "/"');
  assert.is(nonResource.message, 'forbidden: User "system:anonymous" cannot get path "/"');
  assert.equal(nonResource.status.details, {});
});

test('404 NotFound and 409 AlreadyExists / Conflict bodies', () => {
  assert.is(
    json(newNotFound(secrets, 'bootstrap-token-abcdef')),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"secrets \\"bootstrap-token-abcdef\\" not found","reason":"NotFound","details":{"name":"bootstrap-token-abcdef","kind":"secrets"},"code":404}',
  );
  assert.is(
    json(newAlreadyExists(csr, 'node-csr-abc')),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"certificatesigningrequests.certificates.k8s.io \\"node-csr-abc\\" already exists","reason":"AlreadyExists","details":{"name":"node-csr-abc","group":"certificates.k8s.io","kind":"certificatesigningrequests"},"code":409}',
  );
  assert.is(
    json(newConflict(csr, 'node-csr-abc', new Error(optimisticLockErrorMessage))),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on certificatesigningrequests.certificates.k8s.io \\"node-csr-abc\\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"node-csr-abc","group":"certificates.k8s.io","kind":"certificatesigningrequests"},"code":409}',
  );
  const gen = newGenerateNameConflict(csr, 'csr-x2b4z', 1);
  assert.is(gen.message, 'certificatesigningrequests.certificates.k8s.io "csr-x2b4z" already exists, the server was not able to generate a unique name for the object');
  assert.equal(gen.status.details, { name: 'csr-x2b4z', group: 'certificates.k8s.io', kind: 'certificatesigningrequests', retryAfterSeconds: 1 });
  assert.ok(isAlreadyExists(gen));
});

test('422 Invalid: Kind.group, one error alone, several bracketed; every error a cause', () => {
  const rbac = { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' };
  const one = newInvalid(rbac, 'x', [fieldNotSupported(newFieldPath('roleRef', 'kind'), 'Role', ['ClusterRole'])]);
  assert.is(
    json(one),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ClusterRoleBinding.rbac.authorization.k8s.io \\"x\\" is invalid: roleRef.kind: Unsupported value: \\"Role\\": supported values: \\"ClusterRole\\"","reason":"Invalid","details":{"name":"x","group":"rbac.authorization.k8s.io","kind":"ClusterRoleBinding","causes":[{"reason":"FieldValueNotSupported","message":"Unsupported value: \\"Role\\": supported values: \\"ClusterRole\\"","field":"roleRef.kind"}]},"code":422}',
  );
  const kind = { group: 'certificates.k8s.io', kind: 'CertificateSigningRequest' };
  const errs = [
    fieldRequired(newFieldPath('spec', 'usages')),
    fieldInvalid(newFieldPath('spec', 'expirationSeconds'), 599, 'may not specify a duration less than 600 seconds (10 minutes)'),
    fieldRequired(newFieldPath('spec', 'usages')),
  ];
  const several = newInvalid(kind, 'csr-1', errs);
  assert.is(
    several.message,
    'CertificateSigningRequest.certificates.k8s.io "csr-1" is invalid: [spec.usages: Required value, spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)]',
  );
  assert.is(several.status.details?.causes?.length, 3);
  assert.equal(several.status.details?.causes?.[1], {
    reason: 'FieldValueInvalid',
    message: 'Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)',
    field: 'spec.expirationSeconds',
  });
  assert.is(newInvalid({ group: '', kind: 'Secret' }, 's', []).message, 'Secret "s" is invalid');
  assert.equal(newInvalid({ group: '', kind: 'Secret' }, 's', []).status.details, { name: 's', kind: 'Secret' });
});

test('400, 405, 410, 413, 415, 406, 500, 503, 504, 429', () => {
  assert.equal(newBadRequest('bad').status, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'bad', reason: 'BadRequest', code: 400 });
  const m = newMethodNotSupported(csr, 'deletecollection');
  assert.is(m.message, 'deletecollection is not supported on resources of kind "certificatesigningrequests.certificates.k8s.io"');
  assert.equal(m.status.details, { group: 'certificates.k8s.io', kind: 'certificatesigningrequests' });
  assert.is(m.statusCode, 405);
  assert.is(json(newResourceExpired('too old resource version: 5 (10)')), '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (10)","reason":"Expired","code":410}');
  assert.is(newGone('gone').reason, 'Gone');
  assert.is(newRequestEntityTooLarge('limit is 3145728').message, 'Request entity too large: limit is 3145728');
  assert.is(newRequestEntityTooLarge('x').statusCode, 413);
  const u = newUnsupportedMediaType(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
  assert.is(u.message, 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  assert.is(u.statusCode, 415);
  assert.is(u.status.details, undefined);
  const n = newNotAcceptable(['application/json', 'application/yaml']);
  assert.is(n.message, 'only the following media types are accepted: application/json, application/yaml');
  assert.is(n.statusCode, 406);
  assert.is(
    json(newInternalError(new Error('boom'))),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Internal error occurred: boom","reason":"InternalError","details":{"causes":[{"message":"boom"}]},"code":500}',
  );
  assert.is(newServiceUnavailable('down').statusCode, 503);
  assert.is(json(newTimeout('request did not complete within 60s', 0)), '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Timeout: request did not complete within 60s","reason":"Timeout","details":{},"code":504}');
  const st = newServerTimeout(secrets, 'get', 2);
  assert.is(st.message, 'The get operation against secrets could not be completed at this time, please try again.');
  assert.equal(st.status.details, { name: 'get', kind: 'secrets', retryAfterSeconds: 2 });
  assert.equal(newTooManyRequests('slow down', 3).status.details, { retryAfterSeconds: 3 });
  assert.is(newTooManyRequestsError('slow down').message, 'Too many requests: slow down');
});

test('StatusError is a TlsbootError coded by its reason', () => {
  const e = newNotFound(secrets, 'x');
  assert.ok(e instanceof Error);
  assert.ok(isTlsbootError(e, 'NotFound'));
  assert.ok(isStatusError(e));
  assert.is(e.name, 'StatusError');
  assert.is(e.reason, 'NotFound');
  assert.is(e.statusCode, 404);
  assert.is(e.message, 'secrets "x" not found');
  assert.not.ok(isStatusError(new Error('x')));
  const unknown = statusErrorFromStatus({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'teapot', code: 418 });
  assert.is(unknown.code, 'Unknown');
  assert.is(unknown.reason, '');
});

test('statusErrorFromStatus round-trips a decoded body', () => {
  const body = JSON.parse(json(newConflict(csr, 'a', 'stale')));
  const back = statusErrorFromStatus(body);
  assert.ok(isConflict(back));
  assert.is(back.message, 'Operation cannot be fulfilled on certificatesigningrequests.certificates.k8s.io "a": stale');
  assert.is(json(back), JSON.stringify(body));
});

test('Is* predicates: by reason, or by code when the reason is unknown', () => {
  const byCode = (code: number) => statusErrorFromStatus({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code });
  const table: [(e: unknown) => boolean, StatusError, number][] = [
    [isNotFound, newNotFound(secrets, 'x'), 404],
    [isConflict, newConflict(secrets, 'x', 'y'), 409],
    [isInvalid, newInvalid({ group: '', kind: 'Secret' }, 'x', []), 422],
    [isGone, newGone('g'), 410],
    [isForbidden, newForbidden(secrets, 'x', 'y'), 403],
    [isUnauthorized, newUnauthorized('Unauthorized'), 401],
    [isBadRequest, newBadRequest('b'), 400],
    [isMethodNotSupported, newMethodNotSupported(secrets, 'get'), 405],
    [isServiceUnavailable, newServiceUnavailable('s'), 503],
    [isInternalError, newInternalError('i'), 500],
    [isNotAcceptable, newNotAcceptable(['a']), 406],
    [isUnsupportedMediaType, newUnsupportedMediaType(['a']), 415],
    [isTimeout, newTimeout('t', 0), 504],
  ];
  for (const [pred, err, code] of table) {
    assert.ok(pred(err), err.reason);
    assert.ok(pred(byCode(code)), `code ${code}`);
    assert.ok(pred(JSON.parse(JSON.stringify(err))), `${err.reason} as a plain Status`);
    assert.not.ok(pred(newBadRequest('x')) && err.reason !== 'BadRequest', `${err.reason} vs BadRequest`);
  }
  // A known reason with another code does not count by code.
  assert.not.ok(isNotFound(statusErrorFromStatus({ kind: 'Status', apiVersion: 'v1', metadata: {}, reason: 'Forbidden', code: 404 })));
  assert.ok(isResourceExpired(newResourceExpired('x')));
  assert.not.ok(isResourceExpired(byCode(410)));
  assert.not.ok(isAlreadyExists(byCode(409)));
  assert.ok(isTooManyRequests(byCode(429)));
  assert.ok(isTooManyRequests(newTooManyRequestsError('x')));
  assert.not.ok(isNotFound(new Error('not found')));
  assert.is(reasonForError(new Error('x')), '');
  assert.is(reasonForError(newGone('x')), 'Gone');
  assert.is(reasonForError({ kind: 'Status', apiVersion: 'v1', reason: 'Expired' }), 'Expired');
});

test('errorToAPIStatus: StatusErrors keep their status, others become 500 Unknown', () => {
  assert.equal(errorToAPIStatus(newNotFound(secrets, 'x')), newNotFound(secrets, 'x').status);
  assert.equal(errorToAPIStatus(new Error('disk on fire')), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'disk on fire', code: 500 });
  const bare = statusErrorFromStatus({ kind: 'Status', apiVersion: 'v1', metadata: {}, message: 'm' });
  assert.equal(errorToAPIStatus(bare), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'm', code: 500 });
  const ok = statusErrorFromStatus({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
  assert.is(errorToAPIStatus(ok).code, 200);
});

test.run();
