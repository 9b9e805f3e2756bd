/**
 * A parser for the wirefilter subset device profile match expressions use. No `vscode` import:
 * unit-tested; problems carry a code, a position and a suggestion, the words live in the views.
 *
 * Grammar as Cloudflare's wirefilter engine lexes it (engine/src/ast/logical_expr.rs, field_expr.rs,
 * rhs_types/bytes.rs): `or`/`||` binds loosest, then `xor`/`^^`, then `and`/`&&`; `not`/`!` applies to
 * the simple expression after it; comparisons are `==`/`eq`, `!=`/`ne`, `<` `<=` `>` `>=` (and their
 * `lt`… words), `in {…}` (values separated by spaces) or `in $list`, `matches`/`~` (a regular
 * expression), `contains`, `wildcard`, `strict wildcard`. Strings are "quoted" with the escapes
 * `\"`, `\\`, `\xHH` and three-digit octal `\NNN`, or raw: r"…", r#"…"#.
 */
import { OS_NAME_VALUES, nearest, selectorInfo, suggestSelector } from './matchSelectors';
import { lex, MatchSyntaxError, type Issue, type IssueCode, type Token } from './matchLexer';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'matches' | 'contains' | 'wildcard' | 'strict wildcard';

export interface Span {
  start: number;
  end: number;
}

export interface CompareNode extends Span {
  kind: 'compare';
  /** The canonical selector name (`identity.groups[*].name` becomes `identity.groups.name`). */
  selector: string;
  /** `any(…)` / `all(…)` around a `[*]` comparison. */
  quantifier?: 'any' | 'all';
  op: CompareOp;
  values: string[];
  /** `in $<list>`: a Zero Trust list, which nothing local can read. */
  list?: string;
  /** A `matches` pattern JavaScript reads differently from Cloudflare's engine. */
  regexUnsupported?: boolean;
}

/** A valid construct nothing local can evaluate (a function other than any/all). */
export interface OpaqueNode extends Span {
  kind: 'opaque';
  name: string;
}

export type MatchNode =
  | (Span & { kind: 'and' | 'or' | 'xor'; items: MatchNode[] })
  | (Span & { kind: 'not'; arg: MatchNode })
  | CompareNode
  | OpaqueNode;

export type { Issue, IssueCode } from './matchLexer';

export type ParseResult = { ok: true; ast: MatchNode; warnings: Issue[] } | { ok: false; error: Issue; warnings: Issue[] };

/** Functions of wirefilter's standard set: valid, but nothing local evaluates them. */
const OPAQUE_FUNCTIONS = ['lower', 'upper', 'len', 'starts_with', 'ends_with', 'concat', 'to_string', 'url_decode', 'remove_bytes', 'lookup_json_string'];

const OPS = new Map<string, CompareOp>(Object.entries({
  '==': '==', eq: '==', '!=': '!=', ne: '!=', '<': '<', lt: '<', '<=': '<=', le: '<=', '>': '>', gt: '>', '>=': '>=', ge: '>=',
  in: 'in', matches: 'matches', '~': 'matches', contains: 'contains', wildcard: 'wildcard',
} satisfies Record<string, CompareOp>));
const LOGICAL = new Map<string, { kind: 'and' | 'or' | 'xor'; prec: number }>(Object.entries({
  or: { kind: 'or', prec: 1 }, '||': { kind: 'or', prec: 1 }, xor: { kind: 'xor', prec: 2 }, '^^': { kind: 'xor', prec: 2 }, and: { kind: 'and', prec: 3 }, '&&': { kind: 'and', prec: 3 },
} as const));

class Parser {
  private i = 0;
  readonly warnings: Issue[] = [];
  constructor(private readonly toks: Token[]) {}

  private peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }
  private next(): Token {
    return this.toks[Math.min(this.i++, this.toks.length - 1)];
  }
  private fail(code: IssueCode, tok: Token, args: string[] = [], suggestion?: string): never {
    throw new MatchSyntaxError({ code: tok.t === 'eof' ? (code === 'unexpectedToken' ? 'unexpectedEnd' : code) : code, offset: tok.start, length: Math.max(1, tok.end - tok.start), args, suggestion });
  }
  private expect(v: string, code: IssueCode, opener?: Token): Token {
    const t = this.peek();
    if (t.v === v && t.t !== 'string') return this.next();
    return this.fail(code, opener && t.t === 'eof' ? opener : t, [v, t.v]);
  }

  parse(): MatchNode {
    if (this.peek().t === 'eof') this.fail('empty', this.peek());
    const node = this.expr(0);
    const t = this.peek();
    if (t.t !== 'eof') this.fail('unexpectedToken', t, [t.v], t.v === '=' ? '==' : undefined);
    return node;
  }

  private expr(minPrec: number): MatchNode {
    let lhs = this.simple();
    for (;;) {
      const op = this.peek().t === 'word' || this.peek().t === 'op' ? LOGICAL.get(this.peek().v) : undefined;
      if (!op || op.prec < minPrec) return lhs;
      this.next();
      const rhs = this.expr(op.prec + 1);
      lhs = lhs.kind === op.kind ? { ...lhs, items: [...lhs.items, rhs], end: rhs.end } : { kind: op.kind, items: [lhs, rhs], start: lhs.start, end: rhs.end };
    }
  }

  private simple(): MatchNode {
    const t = this.peek();
    if (t.v === '(' && t.t === 'punct') {
      this.next();
      const inner = this.expr(0);
      const close = this.expect(')', 'unclosedParen', t);
      return { ...inner, start: t.start, end: close.end };
    }
    if ((t.t === 'word' && t.v === 'not') || (t.t === 'op' && t.v === '!')) {
      this.next();
      const arg = this.simple();
      return { kind: 'not', arg, start: t.start, end: arg.end };
    }
    if (t.t === 'word' && this.peek(1).v === '(' && this.peek(1).t === 'punct') return this.call();
    if (t.t === 'word') return this.comparison(false);
    return this.fail('unexpectedToken', t, [t.v]);
  }

  private call(): MatchNode {
    const name = this.next();
    const open = this.next();
    if (name.v === 'any' || name.v === 'all') {
      const inner = this.comparison(true);
      const close = this.expect(')', 'unclosedParen', open);
      return { ...inner, quantifier: name.v, start: name.start, end: close.end };
    }
    if (!OPAQUE_FUNCTIONS.includes(name.v)) this.fail('unknownFunction', name, [name.v], nearest(name.v, ['any', 'all', ...OPAQUE_FUNCTIONS]));
    // Skip the arguments (balanced), then an optional comparison: `lower(identity.email) == "x"`.
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.t === 'eof') this.fail('unclosedParen', open);
      if (t.t === 'punct' && t.v === '(') depth++;
      if (t.t === 'punct' && t.v === ')') depth--;
    }
    let end = this.toks[this.i - 1].end;
    if (this.opAhead()) end = this.rhs(this.op(), '').end;
    return { kind: 'opaque', name: name.v, start: name.start, end };
  }

  private opAhead(): boolean {
    const t = this.peek();
    return (t.t === 'op' || t.t === 'word') && (OPS.has(t.v) || t.v === 'strict' || t.v === '=' || t.v === '&');
  }

  private op(): { op: CompareOp; tok: Token } {
    const t = this.next();
    if (t.v === '=') this.fail('singleEquals', t, [], '==');
    if (t.v === '&' || t.v === 'bitwise_and') this.fail('unsupportedOp', t, [t.v]);
    if (t.v === 'strict') {
      if (this.peek().v !== 'wildcard') this.fail('expectedOperator', this.peek(), [this.peek().v]);
      this.next();
      return { op: 'strict wildcard', tok: t };
    }
    return { op: OPS.get(t.v)!, tok: t };
  }

  /** `selector[*]? op value` — `inAny` when inside any()/all(). */
  private comparison(inAny: boolean): CompareNode {
    const id = this.next();
    if (id.t !== 'word') this.fail('unexpectedToken', id, [id.v]);
    let name = id.v;
    let each = false;
    let end = id.end;
    if (this.peek().v === '[' && this.peek().t === 'punct') {
      const open = this.next();
      const star = this.next();
      if (star.v !== '*') this.fail('unexpectedToken', star, [star.v], '[*]');
      end = this.expect(']', 'unexpectedToken', open).end;
      each = true;
      // `identity.groups[*].name`: the docs' other spelling of identity.groups.name[*].
      const after = this.peek();
      if (after.t === 'word' && after.v.startsWith('.') && after.start === end) {
        name += this.next().v;
        end = after.end;
      }
    }
    const info = selectorInfo(name);
    if (!info) this.fail('unknownSelector', { ...id, end }, [name], suggestSelector(name));
    if (each && info.shape !== 'list') this.fail('notList', { ...id, end }, [name], name);
    if (each && !inAny) this.fail('eachOutsideAny', { ...id, end }, [name], `any(${name}[*] …)`);
    if (inAny && !each) this.fail('anyNeedsEach', { ...id, end }, [name], info.shape === 'list' ? `${name}[*]` : undefined);
    if (!this.opAhead()) this.fail('expectedOperator', this.peek(), [this.peek().v], `${name} == "…"`);
    const { op, tok } = this.op();
    const node: CompareNode = { kind: 'compare', selector: name, op, values: [], start: id.start, end: tok.end };
    return this.rhs({ op, tok }, name, node);
  }

  /** The value(s) after an operator; checks regexes and os.name / os.version values. */
  private rhs(o: { op: CompareOp; tok: Token }, selector: string, node?: CompareNode): CompareNode {
    const n: CompareNode = node ?? { kind: 'compare', selector, op: o.op, values: [], start: o.tok.start, end: o.tok.end };
    if (o.op === 'in') {
      const t = this.peek();
      if (t.t === 'list') {
        this.next();
        return { ...n, list: t.v, end: t.end };
      }
      const open = this.expect('{', 'expectedValue', o.tok);
      for (;;) {
        const v = this.next();
        if (v.t === 'punct' && v.v === '}') return { ...n, end: v.end };
        if (v.t === 'punct' && v.v === ',') this.fail('comma', v, [], ' ');
        if (v.t === 'eof') this.fail('unclosedSet', open);
        if (v.t !== 'string') this.fail('expectedValue', v, [v.v], `"${v.v}"`);
        n.values.push(v.v);
        this.checkValue(selector, v);
      }
    }
    const v = this.next();
    if (v.t !== 'string') this.fail('expectedValue', v, [v.v], v.t === 'eof' ? undefined : `"${v.v}"`);
    n.values.push(v.v);
    n.end = v.end;
    if (o.op === 'matches') n.regexUnsupported = this.checkRegex(v);
    else if (o.op === '==' || o.op === '!=') this.checkValue(selector, v);
    return n;
  }

  private checkValue(selector: string, v: Token): void {
    const at = { offset: v.start, length: v.end - v.start };
    if (selector === 'os.name' && !(OS_NAME_VALUES as readonly string[]).includes(v.v)) {
      const s = v.v.toLowerCase() === 'macos' || v.v.toLowerCase() === 'darwin' ? 'mac' : nearest(v.v, OS_NAME_VALUES);
      this.warnings.push({ code: 'osNameValue', ...at, args: [v.v, OS_NAME_VALUES.join(', ')], suggestion: s });
    }
    if (selector === 'os.version' && !/^\d+\.\d+\.\d+([-+].*)?$/.test(v.v)) {
      const m = /^(\d+)(?:\.(\d+))?$/.exec(v.v);
      this.warnings.push({ code: 'osVersionFormat', ...at, args: [v.v], suggestion: m ? `${m[1]}.${m[2] ?? 0}.0` : undefined });
    }
  }

  /**
   * Cloudflare's engine uses Rust's regex crate: no look-around or back-references (refused), and
   * some syntax JavaScript reads differently (inline flags, \A \z, [[:class:]]): valid, not evaluated here.
   */
  private checkRegex(v: Token): boolean {
    const p = v.v;
    const at = { offset: v.start, length: v.end - v.start };
    if (/\(\?<?[=!]|\\[1-9]/.test(p)) throw new MatchSyntaxError({ code: 'regexFeature', ...at, args: [p] });
    if (/\(\?[a-zA-Z-]+[):]|\\[Azb]|\[\[:/.test(p)) {
      this.warnings.push({ code: 'regexLocal', ...at, args: [p] });
      return true;
    }
    try {
      new RegExp(p, /\\[pP]\{/.test(p) ? 'u' : '');
      return false;
    } catch (e) {
      // "*@vendor.com" is a glob, not a regex: suggest the regex, written as a quoted string.
      const fix = p.startsWith('*') ? quoteLiteral(`.${p.replace(/(^|[^\\])\./g, '$1\\.')}`) : undefined;
      throw new MatchSyntaxError({ code: 'badRegex', ...at, args: [p, e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '') : String(e)], suggestion: fix });
    }
  }
}

/** A wirefilter quoted string for `value` (backslashes and quotes escaped). */
export function quoteLiteral(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Parses an expression; a problem comes back with its position rather than as an exception. */
export function parseMatch(src: string): ParseResult {
  let parser: Parser | undefined;
  try {
    parser = new Parser(lex(src));
    return { ok: true, ast: parser.parse(), warnings: parser.warnings };
  } catch (e) {
    if (e instanceof MatchSyntaxError) return { ok: false, error: e.issue, warnings: parser?.warnings ?? [] };
    throw e;
  }
}

/** Every selector an expression names (to ask only for the facts it needs). */
export function selectorsOf(node: MatchNode, out = new Set<string>()): Set<string> {
  if (node.kind === 'compare') out.add(node.selector);
  else if (node.kind === 'not') selectorsOf(node.arg, out);
  else if (node.kind !== 'opaque') node.items.forEach(n => selectorsOf(n, out));
  return out;
}
