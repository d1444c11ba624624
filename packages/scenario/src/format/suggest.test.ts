// "did you mean" for unknown keys and enum values.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { didYouMean, editDistance } from './suggest.js';

test('edit distance counts insertions, deletions, substitutions and transpositions', () => {
  assert.is(editDistance('advnce', 'advance'), 1);
  assert.is(editDistance('tll', 'ttl'), 1);
  assert.is(editDistance('kitten', 'sitting'), 3);
  assert.is(editDistance('', 'abc'), 3);
});

test('suggests the nearest known word within a third of its length', () => {
  assert.is(didYouMean('advnce', ['advance', 'apply']), ' (did you mean "advance"?)');
  assert.is(didYouMean('Advance', ['advance']), ' (did you mean "advance"?)');
  assert.is(didYouMean('reboot', ['restart', 'start', 'stop']), '');
  assert.is(didYouMean('x', ['as']), '');
});

test.run();
