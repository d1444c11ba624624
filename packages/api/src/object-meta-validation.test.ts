/**
 * k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMetaAccessor and
 * ValidateObjectMetaAccessorUpdate) with the messages the apiserver returns in 422s.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nameIsDNSSubdomain, validatePathSegmentName } from './names.js';
import {
  validateAnnotations,
  validateFinalizers,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateOwnerReferences,
} from './object-meta-validation.js';
import { newFieldPath } from './field-errors.js';

const msgs = (errs: { error(): string }[]) => errs.map((e) => e.error());

test('create: name or generateName required', () => {
  assert.equal(msgs(validateObjectMeta({ namespace: 'default' }, true, nameIsDNSSubdomain)), ['metadata.name: Required value: name or generateName is required']);
  assert.equal(msgs(validateObjectMeta({ name: 'csr-1' }, false, validatePathSegmentName)), []);
});

test('create: names by the kind rule, generateName as a prefix', () => {
  assert.equal(msgs(validateObjectMeta({ name: 'node-csr-AbC', generateName: 'csr-' }, false, validatePathSegmentName)), []);
  const errs = msgs(validateObjectMeta({ name: 'Bad_Name', namespace: 'default', generateName: 'Bad-' }, true, nameIsDNSSubdomain));
  assert.is(errs.length, 2);
  assert.match(errs[0]!, /^metadata\.generateName: Invalid value: "Bad-": a lowercase RFC 1123 subdomain must consist of/);
  assert.match(errs[1]!, /^metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/);
  assert.equal(msgs(validateObjectMeta({ name: 'a/b' }, false, validatePathSegmentName)), ['metadata.name: Invalid value: "a/b": may not contain \'/\'']);
});

test('create: namespace required for namespaced kinds, forbidden for cluster-scoped ones', () => {
  assert.equal(msgs(validateObjectMeta({ name: 's' }, true, nameIsDNSSubdomain)), ['metadata.namespace: Required value']);
  assert.equal(msgs(validateObjectMeta({ name: 's', namespace: 'a.b' }, true, nameIsDNSSubdomain)), ['metadata.namespace: Invalid value: "a.b": must not contain dots']);
  assert.equal(msgs(validateObjectMeta({ name: 'n', namespace: 'default' }, false, nameIsDNSSubdomain)), ['metadata.namespace: Forbidden: not allowed on this type']);
});

test('create: generation, labels, annotations, owner references, finalizers', () => {
  const errs = msgs(
    validateObjectMeta(
      {
        name: 'x',
        generation: -1,
        labels: { ok: 'fine', 'bad key!': 'v' },
        annotations: { 'Example.com/Key': 'case does not matter', 'a//b': 'x' },
        finalizers: ['kubernetes.io/pv-protection', 'orphan', 'foregroundDeletion'],
      },
      false,
      validatePathSegmentName,
    ),
  );
  assert.is(errs[0], 'metadata.generation: Invalid value: -1: must be greater than or equal to 0');
  assert.match(errs[1]!, /^metadata\.labels: Invalid value: "bad key!": name part must consist/);
  assert.match(errs[2]!, /^metadata\.annotations: Invalid value: "a\/\/b": a qualified name must consist/);
  assert.is(errs[3], 'metadata.finalizers: Invalid value: ["kubernetes.io/pv-protection","orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set');
  assert.is(errs.length, 4);
});

test('annotations: 256 KiB for keys and values together', () => {
  const path = newFieldPath('metadata', 'annotations');
  assert.equal(validateAnnotations({ a: 'x'.repeat(256 * 1024 - 1) }, path), []);
  assert.equal(msgs(validateAnnotations({ a: 'x'.repeat(256 * 1024) }, path)), ['metadata.annotations: Too long: may not be more than 262144 bytes']);
});

test('owner references: fields required, no Event owner, one controller', () => {
  const path = newFieldPath('metadata', 'ownerReferences');
  assert.equal(validateOwnerReferences([{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u' }], path), []);
  assert.equal(msgs(validateOwnerReferences([{ apiVersion: '', kind: '', name: '', uid: '' }], path)), [
    'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
    'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
    'metadata.ownerReferences.name: Invalid value: "": must not be empty',
    'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
  ]);
  assert.equal(msgs(validateOwnerReferences([{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }], path)), [
    'metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}: /v1, Kind=Event is disallowed from being an owner',
  ]);
  const two = msgs(
    validateOwnerReferences(
      [
        { apiVersion: 'v1', kind: 'Node', name: 'a', uid: '1', controller: true },
        { apiVersion: 'v1', kind: 'Node', name: 'b', uid: '2', controller: true },
      ],
      path,
    ),
  );
  assert.is(two.length, 1);
  assert.match(two[0]!, /: Only one reference can have Controller set to true\. Found "true" in references for Node\/a and Node\/b$/);
});

test('finalizers: qualified names', () => {
  assert.equal(validateFinalizers(['kubernetes'], newFieldPath('spec', 'finalizers')), []);
  assert.is(validateFinalizers(['a/b/c'], newFieldPath('metadata', 'finalizers')).length, 1);
});

test('update: resourceVersion required, identity fields immutable, generation not decremented', () => {
  const old = { name: 'a', namespace: 'default', uid: 'u1', resourceVersion: '5', generation: 2, creationTimestamp: '2024-01-01T00:00:00Z' };
  assert.equal(validateObjectMetaUpdate({ ...old, labels: { x: 'y' } }, old), []);
  assert.equal(validateObjectMetaUpdate({ ...old, creationTimestamp: null }, { ...old, creationTimestamp: undefined }), []);
  assert.equal(msgs(validateObjectMetaUpdate({ ...old, resourceVersion: '', uid: 'u2', generation: 1, name: 'b' }, old)), [
    'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    'metadata.generation: Invalid value: 1: must not be decremented',
    'metadata.name: Invalid value: "b": field is immutable',
    'metadata.uid: Invalid value: "u2": field is immutable',
  ]);
  assert.equal(msgs(validateObjectMetaUpdate({ ...old, namespace: undefined, creationTimestamp: undefined, deletionGracePeriodSeconds: 30 }, old)), [
    'metadata.namespace: Invalid value: "": field is immutable',
    'metadata.creationTimestamp: Invalid value: null: field is immutable',
    'metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable',
  ]);
});

test('update: no new finalizers once deletion started', () => {
  const old = { name: 'a', resourceVersion: '5', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['x'] };
  assert.equal(validateObjectMetaUpdate({ ...old, finalizers: [] }, old), []);
  assert.equal(msgs(validateObjectMetaUpdate({ ...old, finalizers: ['x', 'z.io/b', 'a.io/a'] }, old)), [
    'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a.io/a", "z.io/b"}',
  ]);
});

test.run();
