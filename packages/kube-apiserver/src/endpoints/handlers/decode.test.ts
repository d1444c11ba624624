import { lookupResource } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeObject, summarizeData } from './decode.js';

const secrets = lookupResource('', 'v1', 'secrets')!;
const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.is((err as { statusCode: number }).statusCode, 400);
    return (err as Error).message;
  }
  throw new Error('no error');
};
const b = (s: string) => Buffer.from(s);

test('a good body; kind and apiVersion default to the endpoint', () => {
  const obj = decodeObject(b('{"metadata":{"name":"x"},"type":"Opaque"}'), 'json', secrets);
  assert.equal(obj, { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'x' }, type: 'Opaque' });
  assert.is(decodeObject(b('kind: Secret\napiVersion: v1\nmetadata: {name: y}\n'), 'yaml', secrets).metadata.name, 'y');
});

test('rest.go transformDecodeError: malformed JSON', () => {
  assert.is(
    message(() => decodeObject(b('{"apiVersion":'), 'json', secrets)),
    'the object provided is unrecognized (must be of type Secret): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"apiVersion":)',
  );
  assert.is(message(() => decodeObject(b(''), 'json', secrets)), "the object provided is unrecognized (must be of type Secret): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)");
  assert.match(message(() => decodeObject(b('{x}'), 'json', secrets)), "json parse error: invalid character 'x' looking for beginning of value ({x})");
  assert.match(message(() => decodeObject(b('[]'), 'json', secrets)), 'json: cannot unmarshal array into Go value of type struct');
});

test('another kind, another version, an unknown kind', () => {
  assert.is(
    message(() => decodeObject(b('{"apiVersion":"v1","kind":"ConfigMap"}'), 'json', secrets)),
    'ConfigMap in version "v1" cannot be handled as a Secret: converting (v1.ConfigMap) to (core.Secret): unknown conversion',
  );
  assert.is(
    message(() => decodeObject(b('{"apiVersion":"v1","kind":"Widget"}'), 'json', secrets)),
    'Widget in version "v1" cannot be handled as a Secret: no kind "Widget" is registered for version "v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"',
  );
  const events = lookupResource('', 'v1', 'events')!;
  assert.is(
    message(() => decodeObject(b('{"apiVersion":"events.k8s.io/v1","kind":"Event"}'), 'json', events)),
    'the API version in the data (events.k8s.io/v1) does not match the expected API version (v1)',
  );
});

test('summarizeData', () => {
  assert.is(summarizeData(Buffer.alloc(0)), '<empty>');
  assert.is(summarizeData(b(`{${'a'.repeat(40)}}`)), `{${'a'.repeat(29)} ...`);
  assert.is(summarizeData(b('xy')), '7879');
});

test.run();
