/**
 * k8s.io/apimachinery/pkg/util/validation/field/path.go and errors.go; aggregation as
 * pkg/util/errors/errors.go. Expected texts are the ones the CSR and RBAC validations print
 * (reference/k8s-csr-kubelet.md §1.5, k8s-authn-authz.md §4.9).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  aggregateMessage,
  childOf,
  fieldDuplicate,
  fieldErrorListToAggregate,
  fieldForbidden,
  fieldInternalError,
  fieldInvalid,
  fieldNotFound,
  fieldNotSupported,
  fieldPathString,
  fieldRequired,
  fieldTooLong,
  fieldTooMany,
  fieldTypeInvalid,
  newFieldPath,
} from './field-errors.js';

test('Path.String(): children with dots, indexes and keys in brackets', () => {
  assert.is(newFieldPath('metadata').child('labels').key('app').toString(), 'metadata.labels[app]');
  assert.is(newFieldPath('spec', 'containers').index(0).child('name').toString(), 'spec.containers[0].name');
  assert.is(newFieldPath('status').child('conditions').index(2).child('type').toString(), 'status.conditions[2].type');
  assert.is(newFieldPath('spec').child('a', 'b').toString(), 'spec.a.b');
  assert.is(newFieldPath('values').index(0).key('x').toString(), 'values[0][x]');
});

test('a nil path prints <nil>; its child is a root path', () => {
  assert.is(fieldPathString(undefined), '<nil>');
  assert.is(childOf(undefined, 'key').toString(), 'key');
  assert.is(childOf(newFieldPath('spec', 'selector'), 'key').toString(), 'spec.selector.key');
});

test('Required / Forbidden never print the value; detail follows after a colon', () => {
  assert.is(fieldRequired(newFieldPath('spec', 'usages')).error(), 'spec.usages: Required value');
  assert.is(
    fieldRequired(newFieldPath('metadata', 'name'), 'name or generateName is required').error(),
    'metadata.name: Required value: name or generateName is required',
  );
  assert.is(
    fieldForbidden(newFieldPath('status', 'certificate'), 'updates may not set certificate content').error(),
    'status.certificate: Forbidden: updates may not set certificate content',
  );
});

test('Invalid prints strings %q and numbers bare', () => {
  const e = fieldInvalid(newFieldPath('spec', 'expirationSeconds'), 599, 'may not specify a duration less than 600 seconds (10 minutes)');
  assert.is(e.errorBody(), 'Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)');
  assert.is(
    fieldInvalid(newFieldPath('spec', 'signerName'), 'kubernetes.io/legacy-unknown', 'the legacy signerName is not allowed via this API version').error(),
    'spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version',
  );
  assert.is(fieldInvalid(newFieldPath('x'), 'a"b', '').errorBody(), 'Invalid value: "a\\"b"');
  assert.is(fieldInvalid(newFieldPath('x'), true, 'no').errorBody(), 'Invalid value: true: no');
  assert.is(fieldInvalid(newFieldPath('x'), null, 'no').errorBody(), 'Invalid value: null: no');
  assert.is(fieldInvalid(newFieldPath('values'), ['a', 'b'], 'no').errorBody(), 'Invalid value: ["a","b"]: no');
  assert.is(fieldTypeInvalid(newFieldPath('x'), 'y', 'must be a number').errorBody(), 'Invalid value: "y": must be a number');
  assert.is(fieldTypeInvalid(newFieldPath('x'), 'y', '').type, 'FieldValueTypeInvalid');
});

test('NotSupported lists the supported values quoted, in the order given', () => {
  assert.is(
    fieldNotSupported(newFieldPath('roleRef', 'kind'), 'Role', ['ClusterRole']).error(),
    'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
  );
  assert.is(
    fieldNotSupported(newFieldPath('status', 'conditions').index(0).child('status'), 'False', ['True']).errorBody(),
    'Unsupported value: "False": supported values: "True"',
  );
  assert.is(fieldNotSupported(newFieldPath('x'), 'y', []).errorBody(), 'Unsupported value: "y"');
});

test('Duplicate, NotFound, TooLong, TooMany, InternalError', () => {
  assert.is(fieldDuplicate(newFieldPath('spec', 'usages').index(1), 'client auth').error(), 'spec.usages[1]: Duplicate value: "client auth"');
  assert.is(fieldNotFound(newFieldPath('x'), 'y').errorBody(), 'Not found: "y"');
  assert.is(fieldTooLong(newFieldPath('metadata', 'annotations'), 262144).error(), 'metadata.annotations: Too long: may not be more than 262144 bytes');
  assert.is(fieldTooLong(newFieldPath('x'), 1).errorBody(), 'Too long: may not be more than 1 byte');
  assert.is(fieldTooLong(newFieldPath('x'), -1).errorBody(), 'Too long: value is too long');
  assert.is(fieldTooMany(newFieldPath('items'), 5, 3).errorBody(), 'Too many: 5: must have at most 3 items');
  assert.is(fieldTooMany(newFieldPath('items'), -1, 1).errorBody(), 'Too many: must have at most 1 item');
  assert.is(fieldTooMany(newFieldPath('items'), 2, -1).errorBody(), 'Too many: 2: has too many items');
  assert.is(fieldInternalError(newFieldPath('metadata', 'name'), new Error('boom')).error(), 'metadata.name: Internal error: boom');
});

test('aggregate: none, one alone, several bracketed, repeats dropped', () => {
  assert.is(aggregateMessage([]), '');
  assert.is(aggregateMessage(['a: b']), 'a: b');
  assert.is(aggregateMessage(['a', 'b', 'c']), '[a, b, c]');
  assert.is(fieldErrorListToAggregate([]), undefined);
  const r = fieldRequired(newFieldPath('spec', 'usages'));
  const agg = fieldErrorListToAggregate([r, fieldRequired(newFieldPath('spec', 'usages')), fieldRequired(newFieldPath('spec', 'request'))]);
  assert.is(agg?.errors.length, 2);
  assert.is(agg?.message, '[spec.usages: Required value, spec.request: Required value]');
  assert.is(fieldErrorListToAggregate([r])?.message, 'spec.usages: Required value');
});

test.run();
