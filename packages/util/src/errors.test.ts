import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorMessage, isTlsbootError, TlsbootError } from './errors.js';

class WidgetError extends TlsbootError<'WIDGET_BROKEN'> {}

test('a TlsbootError carries its code, message, cause and subclass name', () => {
  const cause = new Error('underneath');
  const err = new WidgetError('WIDGET_BROKEN', 'widget.json: spring: broken', { cause });
  assert.instance(err, Error);
  assert.is(err.code, 'WIDGET_BROKEN');
  assert.is(err.message, 'widget.json: spring: broken');
  assert.is(err.cause, cause);
  assert.is(err.name, 'WidgetError');
  assert.is(new TlsbootError('X', 'x').name, 'TlsbootError');
});

test('isTlsbootError checks the class and, when given, the code', () => {
  const err = new TlsbootError('CLOCK_INVALID', 'bad');
  assert.ok(isTlsbootError(err));
  assert.ok(isTlsbootError(err, 'CLOCK_INVALID'));
  assert.not.ok(isTlsbootError(err, 'CLOCK_BUSY'));
  assert.not.ok(isTlsbootError(new Error('plain')));
  assert.not.ok(isTlsbootError({ code: 'CLOCK_INVALID', message: 'look-alike' }, 'CLOCK_INVALID'));
});

test('errorMessage reads anything thrown', () => {
  assert.is(errorMessage(new Error('boom')), 'boom');
  assert.is(errorMessage('a string'), 'a string');
  assert.is(errorMessage(42), '42');
  assert.is(errorMessage(undefined), 'undefined');
});

test.run();
