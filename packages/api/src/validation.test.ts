/** k8s.io/apimachinery/pkg/util/validation/validation.go messages (v1.32). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  maxLenError,
  regexError,
} from './validation.js';

const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

test('RegexError: examples joined with upstream doubled space', () => {
  assert.is(regexError('m', 'f'), "m (regex used for validation is 'f')");
  assert.is(regexError('m', 'f', 'a'), "m (e.g. 'a', regex used for validation is 'f')");
  assert.is(regexError('m', 'f', 'a', 'b', 'c'), "m (e.g. 'a',  or 'b',  or 'c', regex used for validation is 'f')");
});

test('IsDNS1123Subdomain', () => {
  assert.equal(isDNS1123Subdomain('example.com'), []);
  assert.equal(isDNS1123Subdomain('node-1'), []);
  assert.equal(isDNS1123Subdomain('Node_1'), [subdomainMsg]);
  assert.equal(isDNS1123Subdomain('-a'), [subdomainMsg]);
  assert.equal(isDNS1123Subdomain('a.'), [subdomainMsg]);
  assert.equal(isDNS1123Subdomain(''), [subdomainMsg]);
  assert.equal(isDNS1123Subdomain('a'.repeat(253)), []);
  assert.equal(isDNS1123Subdomain('a'.repeat(254)), [maxLenError(253)]);
  assert.is(maxLenError(253), 'must be no more than 253 characters');
});

test('IsDNS1123Label: dots get their own message', () => {
  assert.equal(isDNS1123Label('kube-system'), []);
  assert.equal(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.equal(isDNS1123Label('A'), [labelMsg]);
  assert.equal(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
  assert.equal(isDNS1123Label(`${'a'.repeat(64)}_`), ['must be no more than 63 characters', labelMsg]);
});

test('IsDNS1035Label: must start with a letter', () => {
  assert.equal(isDNS1035Label('kubernetes'), []);
  assert.equal(isDNS1035Label('1abc'), [
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  ]);
});

test('IsQualifiedName: prefix and name parts', () => {
  const namePart =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  assert.equal(isQualifiedName('app'), []);
  assert.equal(isQualifiedName('kubernetes.io/bootstrapping'), []);
  assert.equal(isQualifiedName('My_Key.1'), []);
  assert.equal(isQualifiedName('-app'), [namePart]);
  assert.equal(isQualifiedName(''), ['name part must be non-empty', namePart]);
  assert.equal(isQualifiedName('/app'), ['prefix part must be non-empty']);
  assert.equal(isQualifiedName('Example.com/app'), [`prefix part ${subdomainMsg}`]);
  assert.equal(isQualifiedName(`x/${'a'.repeat(64)}`), ['name part must be no more than 63 characters']);
  assert.equal(isQualifiedName('a/b/c'), [
    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
  ]);
});

test('IsValidLabelValue: empty allowed, 63 characters at most', () => {
  const msg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  assert.equal(isValidLabelValue(''), []);
  assert.equal(isValidLabelValue('rbac-defaults'), []);
  assert.equal(isValidLabelValue('a b'), [msg]);
  assert.equal(isValidLabelValue('a'.repeat(64)), ['must be no more than 63 characters']);
});

test('IsConfigMapKey', () => {
  assert.equal(isConfigMapKey('ca.crt'), []);
  assert.equal(isConfigMapKey('token-id'), []);
  assert.equal(isConfigMapKey('..data'), ["must not start with '..'"]);
  assert.equal(isConfigMapKey('.'), ["must not be '.'"]);
  assert.equal(isConfigMapKey('a/b'), [
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  ]);
});

test.run();
