// TestValidateBootstrapGroupName and TestValidateUsages
// (staging/src/k8s.io/cluster-bootstrap/token/util/helpers_test.go, util/secrets/secrets_test.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateBootstrapGroupName, validateUsages } from './validation.js';

test('helpers_test.go TestValidateBootstrapGroupName: the 12 upstream cases', () => {
  const cases: [string, string, boolean][] = [
    ['valid', 'system:bootstrappers:foo', true],
    ['valid nested', 'system:bootstrappers:foo:bar:baz', true],
    ['valid with dashes and number', 'system:bootstrappers:foo-bar-42', true],
    ['invalid uppercase', 'system:bootstrappers:Foo', false],
    ['missing prefix', 'foo', false],
    ['prefix with no body', 'system:bootstrappers:', false],
    ['invalid spaces', 'system:bootstrappers: ', false],
    ['invalid asterisk', 'system:bootstrappers:*', false],
    ['trailing colon', 'system:bootstrappers:foo:', false],
    ['trailing dash', 'system:bootstrappers:foo-', false],
    ['script tags', 'system:bootstrappers:<script> alert("scary?!") </script>', false],
    ['too long', 'system:bootstrappers:' + 'x'.repeat(300), false],
  ];
  for (const [name, input, valid] of cases) assert.is(validateBootstrapGroupName(input) === undefined, valid, name);
});

test('ValidateBootstrapGroupName: the upstream message, %q-quoted, with the Go pattern', () => {
  assert.is(
    validateBootstrapGroupName('system:bootstrappers:<script> alert("scary?!") </script>'),
    'bootstrap group "system:bootstrappers:<script> alert(\\"scary?!\\") </script>" is invalid (must match \\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z)',
  );
});

test('ValidateBootstrapGroupName: the body is 1 to 256 characters (277 in all)', () => {
  assert.is(validateBootstrapGroupName('system:bootstrappers:' + 'x'.repeat(256)), undefined);
  assert.type(validateBootstrapGroupName('system:bootstrappers:' + 'x'.repeat(257)), 'string');
  assert.is(validateBootstrapGroupName('system:bootstrappers:a'), undefined);
  assert.type(validateBootstrapGroupName('system:bootstrappers:foo\n'), 'string', 'Go \\z: no trailing newline');
});

test('helpers_test.go TestValidateUsages, with the upstream message (unknown usages sorted, once)', () => {
  assert.is(validateUsages(['signing']), undefined);
  assert.is(validateUsages(['authentication']), undefined);
  assert.is(validateUsages(['authentication', 'signing']), undefined);
  assert.is(validateUsages(['authentication', 'foo']), 'invalid bootstrap token usage string: foo, valid usage options: signing,authentication');
  assert.is(validateUsages(['foo', 'bar', 'foo']), 'invalid bootstrap token usage string: bar,foo, valid usage options: signing,authentication');
  assert.is(validateUsages([]), undefined);
});

test.run();
