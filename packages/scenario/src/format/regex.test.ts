// `/…/flags` strings in text-matching fields (docs/scenarios.md, "Values").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { regexParts, scenarioRegex } from './regex.js';

test('/…/ and /…/i are regular expressions; other strings are plain', () => {
  assert.equal(regexParts('/kubelet-client-\\d{4}-/'), { source: 'kubelet-client-\\d{4}-', flags: '' });
  assert.equal(regexParts('/system:node:.*/i'), { source: 'system:node:.*', flags: 'i' });
  assert.is(regexParts('system:node:k8s01'), undefined);
  assert.is(regexParts('/var/lib/kubelet/pki/kubelet.crt'), undefined);
  assert.ok(scenarioRegex('/^a+$/')!.test('aaa'));
});

test('an invalid expression throws SyntaxError', () => {
  assert.throws(() => scenarioRegex('/(/'), (e: unknown) => e instanceof SyntaxError);
});

test.run();
