/**
 * Tokens of a wirefilter match expression. Strings follow wirefilter's rules (engine/src/rhs_types/
 * bytes.rs): in "quoted" strings only `\"`, `\\`, `\xHH` and three-digit octal `\NNN` are escapes,
 * anything else after a backslash is an error; raw strings r"…" / r#"…"# take everything literally.
 */

/** A problem found in an expression; the parser's and the lexer's alike (here, so the two do not import each other). */
export type IssueCode =
  | 'empty' | 'unexpectedChar' | 'unclosedString' | 'badEscape' | 'unexpectedEnd' | 'unexpectedToken'
  | 'expectedOperator' | 'singleEquals' | 'expectedValue' | 'comma' | 'unclosedSet' | 'unclosedParen'
  | 'unknownSelector' | 'unknownFunction' | 'notList' | 'eachOutsideAny' | 'anyNeedsEach' | 'unsupportedOp'
  | 'badRegex' | 'regexFeature' | 'regexLocal' | 'osNameValue' | 'osVersionFormat';

export interface Issue {
  code: IssueCode;
  /** 0-based offset into the expression, and how many characters are wrong. */
  offset: number;
  length: number;
  args: string[];
  /** What to write instead, when there is an obvious fix. */
  suggestion?: string;
}

export interface Token {
  t: 'word' | 'string' | 'number' | 'punct' | 'op' | 'list' | 'eof';
  /** The word, operator or punctuation; a string's decoded value. */
  v: string;
  start: number;
  end: number;
}

export class MatchSyntaxError extends Error {
  constructor(readonly issue: Issue) {
    super(issue.code);
  }
}

const fail = (code: Issue['code'], offset: number, length: number, args: string[] = [], suggestion?: string): never => {
  throw new MatchSyntaxError({ code, offset, length, args, suggestion });
};

const OPERATORS = ['==', '!=', '>=', '<=', '&&', '||', '^^', '>', '<', '~', '!', '=', '&'];

function quoted(src: string, start: number): Token {
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') return { t: 'string', v: out, start, end: i + 1 };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = src[i + 1];
    if (e === undefined) break;
    if (e === '"' || e === '\\') {
      out += e;
      i += 2;
    } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (/^[0-7]{3}$/.test(src.slice(i + 1, i + 4))) {
      out += String.fromCharCode(parseInt(src.slice(i + 1, i + 4), 8));
      i += 4;
    } else {
      // A regex escape like \. must itself be escaped in a quoted string: "\\." (or use r"…").
      fail('badEscape', i, 2, [`\\${e}`], `\\\\${e}`);
    }
  }
  return fail('unclosedString', start, src.length - start);
}

function raw(src: string, start: number): Token {
  let i = start + 1;
  let hashes = 0;
  while (src[i] === '#') {
    hashes++;
    i++;
  }
  const close = '"' + '#'.repeat(hashes);
  const end = src.indexOf(close, i + 1);
  if (end < 0) fail('unclosedString', start, src.length - start);
  return { t: 'string', v: src.slice(i + 1, end), start, end: end + close.length };
}

export function lex(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      toks.push(quoted(src, i));
    } else if (c === 'r' && (src[i + 1] === '"' || src[i + 1] === '#')) {
      toks.push(raw(src, i));
    } else if (/[A-Za-z_]/.test(c) || (c === '.' && /[A-Za-z_]/.test(src[i + 1] ?? ''))) {
      const m = /^\.?[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))!;
      toks.push({ t: 'word', v: m[0], start, end: i + m[0].length });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(src.slice(i))!;
      toks.push({ t: 'number', v: m[0], start, end: i + m[0].length });
    } else if (c === '$') {
      const m = /^\$[A-Za-z0-9_-]+/.exec(src.slice(i));
      if (!m) fail('unexpectedChar', i, 1, [c]);
      toks.push({ t: 'list', v: m![0].slice(1), start, end: i + m![0].length });
    } else if ('(){}[]*,'.includes(c)) {
      toks.push({ t: 'punct', v: c, start, end: i + 1 });
    } else {
      const op = OPERATORS.find(o => src.startsWith(o, i));
      if (!op) fail('unexpectedChar', i, 1, [c]);
      toks.push({ t: 'op', v: op!, start, end: i + op!.length });
    }
    i = toks[toks.length - 1].end;
  }
  toks.push({ t: 'eof', v: '', start: src.length, end: src.length });
  return toks;
}
