// Go's text/tabwriter (src/text/tabwriter/tabwriter.go; cases in the spirit of tabwriter_test.go)
// with kubeadm's settings: minwidth 10, padding 3, spaces.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tabwrite } from './tabwriter.js';

const kubeadm = { minwidth: 10, padding: 3 };

test('a column is as wide as its widest cell plus the padding, at least minwidth; the last cell is not padded', () => {
  assert.is(tabwrite('a\tb\tc\naaaaaaaaaaaa\tbb\tc\n', kubeadm), 'a              b         c\naaaaaaaaaaaa   bb        c\n');
  assert.is(tabwrite('x\n', kubeadm), 'x\n');
  assert.is(tabwrite('', kubeadm), '');
});

test('column blocks: a line with fewer cells ends the block of the columns it lacks', () => {
  const text = 'a\tb\tc\nlonger-cell\tx\n\nq\tr\n';
  assert.is(tabwrite(text, { minwidth: 0, padding: 1 }), 'a           b c\nlonger-cell x\n\nq r\n');
  assert.is(tabwrite('aaa\tb\tccc\td\nx\ty\nz\tw\tv\tu\n', { minwidth: 0, padding: 1 }), 'aaa b ccc d\nx   y\nz   w v u\n');
});

test('widths count runes, not bytes or UTF-16 units; empty cells are padded too', () => {
  assert.is(tabwrite('é\tb\nab\tc\n', { minwidth: 0, padding: 1 }), 'é  b\nab c\n');
  assert.is(tabwrite('\tb\nab\tc\n', { minwidth: 0, padding: 1 }), '   b\nab c\n');
});

test('text after the last newline is written unterminated', () => {
  assert.is(tabwrite('a\tb\nccc\td', { minwidth: 0, padding: 1 }), 'a   b\nccc d');
});

test.run();
