import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goJson } from './go-json.js';
import { Ajv } from 'ajv';
import { cfsslAjvOptions, lineColumn, parseJsonText } from './json-input.js';
import { caConfigSchema, csrJsonSchema } from './schemas.js';

test('lineColumn: 1-based, counting from the last newline, clamped to the text', () => {
  const text = '{\n  "a": 1,\n  "b" 2\n}';
  assert.equal(lineColumn(text, 0), { line: 1, column: 1 });
  assert.equal(lineColumn(text, text.indexOf('2')), { line: 3, column: 7 });
  assert.equal(lineColumn(text, 10_000), { line: 4, column: 2 });
});

test('parseJsonText returns the value, or CFSSL_INVALID at line:column', () => {
  assert.equal(parseJsonText('{"a":[1]}', 'x.json'), { a: [1] });
  assert.throws(() => parseJsonText('{\n  "a": 1,\n  "b" 2\n}', 'x.json'), (err: Error & { code?: string }) => err.code === 'CFSSL_INVALID' && err.message === 'x.json:3:7: invalid JSON: Unexpected number');
  assert.throws(() => parseJsonText('{}\n}', 'x.json'), /^x\.json:2:1: invalid JSON: Unexpected non-whitespace character after JSON$/);
});

test("goJson: Go's HTMLEscape and line separators, otherwise JSON.stringify", () => {
  assert.is(goJson({ a: '<&>\u2028\u2029', b: 'é\n' }), '{"a":"\\u003c\\u0026\\u003e\\u2028\\u2029","b":"é\\n"}');
  assert.is(goJson({ a: [1] }, '  '), '{\n  "a": [\n    1\n  ]\n}');
});

test('the cfssl schemas are valid draft-07 and compile in strict mode (the runtime skips the meta-schema check)', () => {
  const ajv = new Ajv({ ...cfsslAjvOptions, validateSchema: true });
  for (const schema of [csrJsonSchema, caConfigSchema]) {
    assert.ok(ajv.validateSchema(schema), ajv.errorsText(ajv.errors));
    ajv.compile(schema);
  }
});

test.run();
