// Storage error texts of kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/storage/errors.go,
// the watch cache's Expired (pkg/storage/cacher/watch_cache.go) and apimachinery's
// NewTimeoutError (staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go); and
// APIObjectVersioner.ParseResourceVersion (pkg/storage/api_object_versioner.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import {
  InvalidError,
  StorageError,
  TooLargeResourceVersionError,
  TooOldResourceVersionError,
  isCorruptObject,
  isInvalidObj,
  isKeyExists,
  isKeyNotFound,
  isRequestTimeout,
  isResourceVersionConflict,
  isTooLargeResourceVersion,
  isUnreachable,
  newCorruptObjError,
  newInvalidObjError,
  newKeyExistsError,
  newKeyNotFoundError,
  newResourceVersionConflictsError,
  newTimeoutError,
  newUnreachableError,
} from './errors.js';
import { parseResourceVersion } from './versioner.js';

test('StorageError.Error() text, with Go\'s <nil> for a missing inner error', () => {
  const e = newKeyNotFoundError('/registry/secrets/default/x', 7);
  assert.is(e.message, 'StorageError: key not found, Code: 1, Key: /registry/secrets/default/x, ResourceVersion: 7, AdditionalErrorMsg: <nil>');
  assert.is(e.key, '/registry/secrets/default/x');
  assert.is(e.resourceVersion, 7);
  assert.is(e.errCode, 1);
  assert.ok(isTlsbootError(e, 'KEY_NOT_FOUND'));
  assert.is(newTimeoutError('/k', 'slow').message, 'StorageError: request timeout, Code: 6, Key: /k, ResourceVersion: 0, AdditionalErrorMsg: slow');
});

test('each constructor answers its own predicate and no other', () => {
  const made = [
    [newKeyNotFoundError('/k', 0), isKeyNotFound],
    [newKeyExistsError('/k', 0), isKeyExists],
    [newResourceVersionConflictsError('/k', 0), isResourceVersionConflict],
    [newInvalidObjError('/k', 'm'), isInvalidObj],
    [newUnreachableError('/k', 0), isUnreachable],
    [newTimeoutError('/k', 'm'), isRequestTimeout],
    [newCorruptObjError('/k', 'm'), isCorruptObject],
  ] as const;
  made.forEach(([err], i) => {
    made.forEach(([, is], j) => assert.is(is(err), i === j, `${err.code} vs predicate ${j}`));
    assert.instance(err, StorageError);
  });
  assert.not.ok(isKeyNotFound(new Error('key not found')));
  assert.throws(() => new StorageError(99, '/k', 0), /unknown storage error code 99/);
});

test('too old resource version: the cacher\'s 410 Expired Status, exactly', () => {
  const e = new TooOldResourceVersionError(5, 10);
  assert.is(e.message, 'too old resource version: 5 (10)');
  assert.is(e.resourceVersion, 5);
  assert.is(e.oldestResourceVersion, 10);
  assert.equal(e.status, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 5 (10)', reason: 'Expired', code: 410 });
});

test('too large resource version: 504 Timeout with the ResourceVersionTooLarge cause; a zero retry is omitted', () => {
  const e = new TooLargeResourceVersionError(12, 9, 1);
  assert.is(e.message, 'Timeout: Too large resource version: 12, current: 9');
  assert.equal(e.status.details, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
  assert.is(e.status.reason, 'Timeout');
  assert.is(e.status.code, 504);
  assert.ok(isTooLargeResourceVersion(e));
  assert.equal(new TooLargeResourceVersionError(12, 9, 0).status.details, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }] });
  assert.not.ok(isTooLargeResourceVersion(new TooOldResourceVersionError(1, 2)));
});

test('parseResourceVersion: "" and "0" are 0, decimals parse, the rest is InvalidError with strconv text', () => {
  assert.is(parseResourceVersion(''), 0);
  assert.is(parseResourceVersion('0'), 0);
  assert.is(parseResourceVersion('0042'), 42);
  assert.is(parseResourceVersion('18446744073709551615'), 18446744073709551615);
  const cases: [string, string][] = [
    ['abc', 'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax'],
    ['-1', 'resourceVersion: Invalid value: "-1": strconv.ParseUint: parsing "-1": invalid syntax'],
    ['+1', 'resourceVersion: Invalid value: "+1": strconv.ParseUint: parsing "+1": invalid syntax'],
    ['18446744073709551616', 'resourceVersion: Invalid value: "18446744073709551616": strconv.ParseUint: parsing "18446744073709551616": value out of range'],
  ];
  for (const [input, message] of cases) {
    try {
      parseResourceVersion(input);
      assert.unreachable(input);
    } catch (err) {
      assert.instance(err, InvalidError);
      assert.is((err as InvalidError).message, message);
      assert.is((err as InvalidError).errs[0]!.field, 'resourceVersion');
    }
  }
});

test.run();
