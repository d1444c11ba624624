/**
 * The label selector syntax of k8s.io/apimachinery/pkg/labels/selector.go, with the good and bad
 * strings of selector_test.go (TestSelectorParse, TestSetSelectorParser) and upstream's messages.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import { newFieldPath } from './field-errors.js';
import { parseLabelSelector } from './label-selector-parse.js';

function parseError(s: string): string {
  try {
    parseLabelSelector(s);
  } catch (err) {
    assert.ok(isTlsbootError(err, 'LABEL_SELECTOR_INVALID'), s);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(s)} to fail`);
}

const labelValueMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('TestSelectorParse good strings: parse and print back without spaces', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
    assert.is(parseLabelSelector(s).toString(), s.replaceAll(' ', ''), s);
  }
});

test('parse sorts requirements by key (deterministic) and in-values', () => {
  assert.is(parseLabelSelector('x=a,a=x').toString(), parseLabelSelector('a=x,x=a').toString());
  assert.is(parseLabelSelector('x notin (def,abc),bar,z in (),w').toString(), 'bar,w,x notin (abc,def),z in ()');
  assert.is(parseLabelSelector('x in (abc,)').toString(), 'x in (,abc)');
  assert.is(parseLabelSelector('\rx').toString(), 'x');
  assert.is(parseLabelSelector('foo  in\t (abc)').toString(), 'foo in (abc)');
  assert.is(parseLabelSelector('x  notin\t\t(abc,def)').toString(), 'x notin (abc,def)');
  assert.is(parseLabelSelector('0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)').toString(), '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)');
  assert.is(parseLabelSelector('notin=in').toString(), 'notin=in');
  assert.is(parseLabelSelector('x==a,y in (b,b)').toString(), 'x==a,y in (b)');
});

test('TestSelectorParse bad strings, with upstream messages', () => {
  assert.is(parseError('x=a||y=b'), `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${labelValueMsg}`);
  assert.is(parseError('x==a==b'), "found '==', expected: ',' or 'end of string'");
  assert.is(parseError('!x=a'), "found '=', expected: ',' or 'end of string'");
  assert.is(parseError('x<a'), `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`);
  assert.is(parseError('x in'), "unable to parse requirement: found '' expected: '('");
  assert.is(parseError('x in (a'), "unable to parse requirement: found '', expected: ',' or ')'");
  assert.is(parseError('x in (a b)'), "unable to parse requirement: found 'b', expected: ',' or ')'");
  assert.is(parseError('x in (=)'), "unable to parse requirement: found '=', expected: ',', ')' or identifier");
  assert.is(parseError('x in (,='), "unable to parse requirement: found '=', expected: ',', or identifier");
  assert.is(parseError(','), "found ',', expected: !, identifier, or 'end of string'");
  assert.is(parseError('x,'), "found '', expected: identifier after ','");
  assert.is(parseError('x=('), "unable to parse requirement: found '(', expected: identifier");
  assert.is(parseError('x ~ y'), "unable to parse requirement: found '~', expected: in, notin, =, ==, !=, gt, lt");
  assert.is(parseError('!='), "found '!=', expected: !, identifier, or 'end of string'");
  assert.is(parseError('!!x'), "unable to parse requirement: found '!', expected: identifier");
  assert.match(parseError('a/b/c=x'), /^unable to parse requirement: <nil>: Invalid value: "a\/b\/c": a qualified name must consist of/);
  assert.match(parseError(`${'k'.repeat(64)}`), /^unable to parse requirement: <nil>: Invalid value: "k+": name part must be no more than 63 characters$/);
});

test('a parse path names where the requirement came from', () => {
  try {
    parseLabelSelector('x>a', newFieldPath('spec', 'selector'));
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, `unable to parse requirement: spec.selector.values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`);
  }
});

test.run();
