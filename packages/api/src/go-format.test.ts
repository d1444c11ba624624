/** Go's strconv.Quote and len(), as the messages of apimachinery print values. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goQuote, goValue, utf8Length } from './go-format.js';

test('goQuote: plain text is wrapped in double quotes', () => {
  assert.is(goQuote('kubernetes.io/legacy-unknown'), '"kubernetes.io/legacy-unknown"');
  assert.is(goQuote(''), '""');
});

test('goQuote: quotes, backslashes and control characters use Go escapes', () => {
  assert.is(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  assert.is(goQuote('x\ny\tz\r'), '"x\\ny\\tz\\r"');
  assert.is(goQuote('\x00\x1b\x7f'), '"\\x00\\x1b\\x7f"');
  assert.is(goQuote('\x07\b\f\v'), '"\\a\\b\\f\\v"');
});

test('goQuote: printable Unicode stays, non-printable is escaped', () => {
  assert.is(goQuote('héllo 世界'), '"héllo 世界"');
  assert.is(goQuote('\u00a0'), '"\\u00a0"'); // no-break space is not IsPrint
  assert.is(goQuote('\u{e0001}'), '"\\U000e0001"'); // a tag character (format, Cf)
  assert.is(goQuote('\ud800'), '"\\ufffd"');
});

test('goValue and utf8Length', () => {
  assert.is(goValue(599), '599');
  assert.is(goValue(false), 'false');
  assert.is(goValue(12345678901234567890n), '12345678901234567890');
  assert.is(utf8Length('abc'), 3);
  assert.is(utf8Length('é'), 2);
  assert.is(utf8Length('世'), 3);
  assert.is(utf8Length('😀'), 4);
});

test.run();
