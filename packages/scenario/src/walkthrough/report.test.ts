import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { block, colors, colorWanted, renderStep } from './report.js';

const report = {
  title: 'A title',
  story: ['why'],
  commands: ['openssl x509 -req \\', '    -out a.pem'],
  results: ['made it', '    continued'],
  failures: ['failed on purpose'],
  files: ['a.pem', 'b.pem'],
};

test('renderStep numbers the step and marks commands, results, failures and files', () => {
  const lines = renderStep(report, 3, 9, colors(false));
  assert.equal(lines, [
    '',
    '[3/9] A title',
    '  why',
    '  by hand:',
    '    $ openssl x509 -req \\',
    '        -out a.pem',
    '  → made it',
    '      continued',
    '  ✗ failed on purpose',
    '  wrote a.pem, b.pem',
  ]);
});

test('renderStep leaves out empty sections', () => {
  const lines = renderStep({ title: 'Only words', story: ['a', 'b'], commands: [], results: [] }, 1, 2, colors(false));
  assert.equal(lines, ['', '[1/2] Only words', '  a', '  b']);
});

test('colours are ANSI escapes only when enabled', () => {
  const plain = renderStep(report, 1, 1, colors(false)).join('\n');
  const coloured = renderStep(report, 1, 1, colors(true)).join('\n');
  assert.not.match(plain, /\x1b\[/);
  assert.match(coloured, /\x1b\[\d+m/);
  assert.is(coloured.replace(/\x1b\[\d+m/g, ''), plain);
});

test('colorWanted: terminal only, NO_COLOR wins, FORCE_COLOR forces, TERM=dumb disables', () => {
  assert.is(colorWanted({ isTTY: true }, {}), true);
  assert.is(colorWanted({ isTTY: false }, {}), false);
  assert.is(colorWanted({}, {}), false);
  assert.is(colorWanted({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.is(colorWanted({ isTTY: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
  assert.is(colorWanted({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
  assert.is(colorWanted({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.is(colorWanted({ isTTY: true }, { FORCE_COLOR: '0' }), false);
  assert.is(colorWanted({ isTTY: true }, { TERM: 'dumb' }), false);
});

test('block indents every line and drops the final newline', () => {
  assert.equal(block('a\nb\n', '  '), ['  a', '  b']);
});

test.run();
