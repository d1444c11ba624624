// kubeadm's token validation (cmd/kubeadm/app/apis/kubeadm/validation/validation.go
// ValidateBootstrapTokens, ValidateTokenUsages, ValidateTokenGroups; cases in the spirit of
// validation_test.go TestValidateTokenUsages / TestValidateTokenGroups).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goStringSlice, validateBootstrapToken } from './validate-token.js';

const token = 'abcdef.0123456789abcdef';
const pattern = String.raw`\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\z`;

test('the defaults and any known usages with valid groups pass', () => {
  assert.is(validateBootstrapToken({ token, usages: ['signing', 'authentication'], groups: ['system:bootstrappers:kubeadm:default-node-token'] }), undefined);
  assert.is(validateBootstrapToken({ token, usages: ['signing'], groups: [] }), undefined);
  assert.is(validateBootstrapToken({ token, usages: [], groups: [] }), undefined);
});

test('unknown usages, groups without authentication, bad groups: field paths, %#v values, aggregated', () => {
  assert.is(
    validateBootstrapToken({ token, usages: ['signing', 'foo'], groups: [] }),
    'bootstrapTokens.0.usages: Invalid value: []string{"signing", "foo"}: invalid bootstrap token usage string: foo, valid usage options: signing,authentication',
  );
  assert.is(
    validateBootstrapToken({ token, usages: ['signing'], groups: ['system:bootstrappers:x'] }),
    'bootstrapTokens.0.groups: Invalid value: []string{"system:bootstrappers:x"}: token groups cannot be specified unless --usages includes "authentication"',
  );
  assert.is(
    validateBootstrapToken({ token, usages: ['authentication'], groups: ['foo', 'system:bootstrappers:ok'] }),
    `bootstrapTokens.0.groups: Invalid value: []string{"foo", "system:bootstrappers:ok"}: bootstrap group "foo" is invalid (must match ${pattern})`,
  );
  assert.is(
    validateBootstrapToken({ token, usages: ['signing'], groups: ['foo', 'foo'] }),
    '[bootstrapTokens.0.groups: Invalid value: []string{"foo", "foo"}: token groups cannot be specified unless --usages includes "authentication", ' +
      `bootstrapTokens.0.groups: Invalid value: []string{"foo", "foo"}: bootstrap group "foo" is invalid (must match ${pattern})]`,
  );
  assert.is(validateBootstrapToken({ token: 'nope', usages: [], groups: [] }), 'bootstrapTokens.0.token: Invalid value: "nope": the bootstrap token is invalid');
});

test("Go's %#v of a []string", () => {
  assert.is(goStringSlice([]), '[]string{}');
  assert.is(goStringSlice(['a"b', 'c']), '[]string{"a\\"b", "c"}');
});

test.run();
