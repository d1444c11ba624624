/**
 * k8s.io/apimachinery/pkg/labels/selector.go Requirement and Selector (selector_test.go's
 * matching and constructor cases); LabelSelectorAsSelector from pkg/apis/meta/v1/helpers.go;
 * ValidateLabels from pkg/apis/meta/v1/validation/validation.go.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import { newFieldPath } from './field-errors.js';
import {
  LabelSelector,
  labelSelectorFromLabelSelectorObject,
  labelSelectorFromSet,
  newLabelRequirement,
  validateLabels,
} from './labels.js';
import { parseLabelSelector } from './label-selector-parse.js';

const labelValueMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('TestSelectorMatches', () => {
  const match = (s: string, labels: Record<string, string>) => parseLabelSelector(s).matches(labels);
  assert.ok(match('', { x: 'y' }));
  assert.ok(match('x=y', { x: 'y' }));
  assert.ok(match('x=y,z=w', { x: 'y', z: 'w' }));
  assert.ok(match('x!=y,z!=w', { x: 'z', z: 'a' }));
  assert.ok(match('notin=in', { notin: 'in' }));
  assert.ok(match('x', { x: 'z' }));
  assert.ok(match('!x', { y: 'z' }));
  assert.ok(match('x>1', { x: '2' }));
  assert.ok(match('x<1', { x: '0' }));
  assert.ok(match('x<1', { x: '-5' }));
  assert.ok(match('x>9007199254740992', { x: '9007199254740993' }));
  assert.not.ok(match('x=z', {}));
  assert.not.ok(match('x=y', { x: 'z' }));
  assert.not.ok(match('x=y,z=w', { x: 'w', z: 'w' }));
  assert.not.ok(match('x!=y,z!=w', { x: 'z', z: 'w' }));
  assert.not.ok(match('x', { y: 'z' }));
  assert.not.ok(match('!x', { x: 'z' }));
  assert.not.ok(match('x>1', { x: '0' }));
  assert.not.ok(match('x<1', { x: '2' }));
  assert.not.ok(match('x>1', { x: 'v2' }));
  assert.not.ok(match('x>1', {}));
  assert.ok(match('x notin (a)', {}));
  assert.ok(match('x in (a,b)', { x: 'b' }));
  assert.not.ok(match('x in ()', { y: 'baz' }));
  assert.ok(match('x in ()', { x: '' }));
  const set = { foo: 'bar', baz: 'blah' };
  assert.ok(match('foo=bar,baz=blah', set));
  assert.not.ok(match('foo=bar,foobar=bar,baz=blah', set));
  assert.not.ok(match('toString', {}));
});

test('Everything, Nothing, SelectorFromSet, RequiresExactMatch, Add', () => {
  assert.ok(LabelSelector.everything().matches({ x: 'y' }));
  assert.ok(LabelSelector.everything().empty());
  assert.not.ok(LabelSelector.nothing().matches({}));
  assert.not.ok(LabelSelector.nothing().empty());
  assert.ok(labelSelectorFromSet(undefined).empty());
  const s = labelSelectorFromSet({ foo: 'bar', baz: 'blah' });
  assert.is(s.toString(), 'baz=blah,foo=bar');
  assert.ok(s.matches({ foo: 'bar', baz: 'blah', other: 'x' }));
  assert.not.ok(s.matches({ foo: 'bar' }));
  assert.is(parseLabelSelector('a in (x),b=y,c in (p,q)').requiresExactMatch('a'), 'x');
  assert.is(parseLabelSelector('a in (x),b=y,c in (p,q)').requiresExactMatch('b'), 'y');
  assert.is(parseLabelSelector('a in (x),b=y,c in (p,q)').requiresExactMatch('c'), undefined);
  assert.is(parseLabelSelector('a!=x').requiresExactMatch('a'), undefined);
  assert.is(LabelSelector.everything().add(newLabelRequirement('b', '=', ['1']), newLabelRequirement('a', 'exists', [])).toString(), 'a,b=1');
});

test('NewRequirement: TestRequirementConstructor cases and messages', () => {
  const ok = (k: string, op: Parameters<typeof newLabelRequirement>[1], v: string[]) => newLabelRequirement(k, op, v);
  ok('x', 'in', ['foo']);
  ok('x', 'notin', ['foo']);
  ok('x', 'exists', []);
  ok('x', '!', []);
  ok('1foo', 'in', ['bar']);
  ok('y', 'gt', ['1']);
  ok('z', 'lt', ['6']);
  const err = (k: string, op: Parameters<typeof newLabelRequirement>[1], v: string[]) => {
    try {
      newLabelRequirement(k, op, v);
    } catch (e) {
      assert.ok(isTlsbootError(e, 'LABEL_SELECTOR_INVALID'));
      return (e as Error).message;
    }
    throw new Error('expected an error');
  };
  assert.is(err('x', 'in', []), `values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty`);
  assert.is(err('x', '=', ['a', 'b']), 'values: Invalid value: ["a","b"]: exact-match compatibility requires one single value');
  assert.is(err('x', 'exists', ['a']), 'values: Invalid value: ["a"]: values set must be empty for exists and does not exist');
  assert.is(
    err('foo', 'gt', ['bar', '1']),
    `[values: Invalid value: ["bar","1"]: for 'Gt', 'Lt' operators, exactly one value is required, values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer]`,
  );
  assert.match(err('a'.repeat(254), 'exists', []), /^key: Invalid value: "a{254}": name part must be no more than 63 characters$/);
  assert.is(
    err('x', 'like' as never, []),
    'operator: Unsupported value: "like": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
  );
});

test('LabelSelectorAsSelector: nil selects nothing, empty everything', () => {
  assert.not.ok(labelSelectorFromLabelSelectorObject(undefined).matches({ a: 'b' }));
  assert.not.ok(labelSelectorFromLabelSelectorObject(null).matches({}));
  assert.ok(labelSelectorFromLabelSelectorObject({}).matches({ a: 'b' }));
  assert.ok(labelSelectorFromLabelSelectorObject({ matchLabels: {}, matchExpressions: [] }).empty());
  const s = labelSelectorFromLabelSelectorObject({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['b', 'a'] },
      { key: 'canary', operator: 'DoesNotExist' },
      { key: 'zone', operator: 'NotIn', values: ['x'] },
      { key: 'env', operator: 'Exists' },
    ],
  });
  assert.is(s.toString(), 'app=web,!canary,env,tier in (a,b),zone notin (x)');
  assert.ok(s.matches({ app: 'web', tier: 'a', env: 'prod' }));
  assert.not.ok(s.matches({ app: 'web', tier: 'a', env: 'prod', canary: '1' }));
  assert.not.ok(s.matches({ app: 'web', tier: 'c', env: 'prod' }));
  try {
    labelSelectorFromLabelSelectorObject({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] });
    assert.unreachable();
  } catch (err) {
    assert.ok(isTlsbootError(err, 'LABEL_SELECTOR_INVALID'));
    assert.is((err as Error).message, '"Gt" is not a valid label selector operator');
  }
});

test('ValidateLabels: errors at the labels path, keys then values', () => {
  const path = newFieldPath('metadata', 'labels');
  assert.equal(validateLabels({ 'kubernetes.io/bootstrapping': 'rbac-defaults', app: '' }, path), []);
  assert.equal(validateLabels(undefined, path), []);
  const errs = validateLabels({ 'bad key': 'bad value' }, path).map((e) => e.error());
  assert.is(errs.length, 2);
  assert.match(errs[0]!, /^metadata\.labels: Invalid value: "bad key": name part must consist of alphanumeric characters/);
  assert.is(errs[1], `metadata.labels: Invalid value: "bad value": ${labelValueMsg}`);
});

test.run();
