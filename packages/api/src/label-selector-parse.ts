/**
 * The label selector syntax of k8s.io/apimachinery/pkg/labels/selector.go (Lexer, Parser,
 * labels.Parse): `app=web,tier in (a,b),!canary,version>3`, whitespace allowed between tokens.
 * Errors keep upstream's wording, e.g. `unable to parse requirement: found '', expected: '('`.
 */
import { ApiError } from './errors.js';
import type { FieldPath } from './field-errors.js';
import { LabelSelector, binaryOperators, newLabelRequirement, validateLabelKey } from './labels.js';
import type { LabelRequirement, LabelSelectorOperator } from './labels.js';

enum Token {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const string2token: Readonly<Record<string, Token>> = {
  ')': Token.ClosedPar,
  ',': Token.Comma,
  '!': Token.DoesNotExist,
  '==': Token.DoubleEquals,
  '=': Token.Equals,
  '>': Token.GreaterThan,
  in: Token.In,
  '<': Token.LessThan,
  '!=': Token.NotEquals,
  notin: Token.NotIn,
  '(': Token.OpenPar,
};

const tokenOf = (s: string): Token | undefined => (Object.hasOwn(string2token, s) ? string2token[s] : undefined);
const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch) && ch !== '';

interface Item {
  tok: Token;
  lit: string;
}

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const read = () => (pos < s.length ? s[pos++]! : '');
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === '') {
      items.push({ tok: Token.EndOfString, lit: '' });
      return items;
    }
    pos--;
    if (isSpecialSymbol(ch)) {
      // scanSpecialSymbol: the longest run of symbols that still forms a token.
      let buffer = '';
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (!isSpecialSymbol(c)) {
          pos--;
          break;
        }
        buffer += c;
        const t = tokenOf(buffer);
        if (t !== undefined) last = { tok: t, lit: buffer };
        else if (last !== undefined) {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: Token.Error, lit: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecialSymbol(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buffer += c;
      }
      items.push({ tok: tokenOf(buffer) ?? Token.Identifier, lit: buffer });
    }
  }
}

type Context = 'keyAndOperator' | 'values';

class Parser {
  private position = 0;
  constructor(
    private readonly items: Item[],
    private readonly path: FieldPath | undefined,
  ) {}

  private peek(ctx: Context): Item {
    const it = this.items[this.position]!;
    return ctx === 'values' && (it.tok === Token.In || it.tok === Token.NotIn) ? { tok: Token.Identifier, lit: it.lit } : it;
  }

  private next(ctx: Context): Item {
    const it = this.peek(ctx);
    this.position++;
    return it;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek('values');
      if (tok === Token.Identifier || tok === Token.DoesNotExist) {
        try {
          reqs.push(this.parseRequirement());
        } catch (err) {
          throw new ApiError('LABEL_SELECTOR_INVALID', `unable to parse requirement: ${(err as Error).message}`);
        }
        const t = this.next('values');
        if (t.tok === Token.EndOfString) return reqs;
        if (t.tok === Token.Comma) {
          const t2 = this.peek('values');
          if (t2.tok !== Token.Identifier && t2.tok !== Token.DoesNotExist) fail(`found '${t2.lit}', expected: identifier after ','`);
        } else {
          fail(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === Token.EndOfString) {
        return reqs;
      } else {
        fail(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred === 'exists' || inferred === '!') return newLabelRequirement(key, inferred, [], this.path);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return newLabelRequirement(key, operator, [...values].sort(), this.path);
  }

  private parseKeyAndInferOperator(): [string, LabelSelectorOperator | undefined] {
    let operator: LabelSelectorOperator | undefined;
    let it = this.next('values');
    if (it.tok === Token.DoesNotExist) {
      operator = '!';
      it = this.next('values');
    }
    if (it.tok !== Token.Identifier) fail(`found '${it.lit}', expected: identifier`);
    const keyErr = validateLabelKey(it.lit, this.path);
    if (keyErr) fail(keyErr.error());
    const t = this.peek('values').tok;
    if ((t === Token.EndOfString || t === Token.Comma) && operator !== '!') operator = 'exists';
    return [it.lit, operator];
  }

  private parseOperator(): LabelSelectorOperator {
    const { tok, lit } = this.next('keyAndOperator');
    switch (tok) {
      case Token.In:
        return 'in';
      case Token.Equals:
        return '=';
      case Token.DoubleEquals:
        return '==';
      case Token.GreaterThan:
        return 'gt';
      case Token.LessThan:
        return 'lt';
      case Token.NotIn:
        return 'notin';
      case Token.NotEquals:
        return '!=';
      default:
        return fail(`found '${lit}', expected: ${binaryOperators.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.next('values');
    if (open.tok !== Token.OpenPar) fail(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek('values');
    if (tok === Token.Identifier || tok === Token.Comma) {
      const s = this.parseIdentifiersList();
      if (this.next('values').tok !== Token.ClosedPar) fail(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === Token.ClosedPar) {
      this.next('values');
      return new Set(['']);
    }
    return fail(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next('values');
      if (tok === Token.Identifier) {
        s.add(lit);
        const t2 = this.peek('values');
        if (t2.tok === Token.Comma) continue;
        if (t2.tok === Token.ClosedPar) return s;
        fail(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === Token.Comma) {
        if (s.size === 0) s.add(''); // "(,"
        const t2 = this.peek('values').tok;
        if (t2 === Token.ClosedPar) {
          s.add(''); // ",)"
          return s;
        }
        if (t2 === Token.Comma) {
          this.next('values');
          s.add(''); // ",,"
        }
      } else {
        fail(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.peek('values').tok;
    if (t === Token.EndOfString || t === Token.Comma) return new Set(['']);
    const { tok, lit } = this.next('values');
    if (tok === Token.Identifier) return new Set([lit]);
    return fail(`found '${lit}', expected: identifier`);
  }
}

function fail(message: string): never {
  throw new ApiError('LABEL_SELECTOR_INVALID', message);
}

/**
 * labels.Parse: the `labelSelector` query parameter. Requirements come out sorted by key;
 * in/notin values sorted and de-duplicated. Throws LABEL_SELECTOR_INVALID with upstream's text.
 */
export function parseLabelSelector(selector: string, path?: FieldPath): LabelSelector {
  return LabelSelector.fromRequirements(new Parser(lex(selector), path).parse());
}

