/**
 * Evaluates a parsed match expression against what is known of a user and device. Three-valued:
 * true, false, or undefined when the answer depends on something not known or not evaluable here
 * (a Zero Trust list, a function, a fact not given) — never guessed. No `vscode` import.
 */
import type { CompareNode, MatchNode, OpaqueNode } from './matchExpression';
import { selectorInfo, type FactKey } from './matchSelectors';

/** What is known; an absent key is unknown. `network: null` means on no managed network. */
export type MatchFacts = Partial<Record<Exclude<FactKey, 'network'>, string | string[]>> & { network?: string | null };

export type Truth = boolean | undefined;

/** Why a clause came out as it did; `matched`/`notMatched` are definite, the rest are not. */
export type ClauseWhy = 'matched' | 'notMatched' | 'noFact' | 'noFactSource' | 'list' | 'function' | 'regex' | 'bareListOp' | 'version';

export interface ClauseOutcome {
  node: CompareNode | OpaqueNode;
  truth: Truth;
  why: ClauseWhy;
  /** The value(s) the clause was tested against. */
  actual?: string[];
  /** Under an odd number of `not`s: the profile wanted this clause to be false. */
  negated?: boolean;
}

export interface Verdict {
  truth: Truth;
  /** The clauses that decided the result (the failing one for a failed `and`, every one for a failed `or`). */
  clauses: ClauseOutcome[];
}

function semver(v: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function glob(pattern: string, caseSensitive: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') re += '.*';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, caseSensitive ? 's' : 'is');
}

/** One value against the operator; undefined when the comparison cannot be decided here. */
function test(node: CompareNode, value: string | null): Truth {
  const v = node.values;
  if (value === null) return node.op === '!=';
  switch (node.op) {
    case '==': return value === v[0];
    case '!=': return value !== v[0];
    case 'in': return v.includes(value);
    case 'contains': return value.includes(v[0]);
    case 'matches': return new RegExp(v[0], /\\[pP]\{/.test(v[0]) ? 'u' : '').test(value);
    case 'wildcard': return glob(v[0], false).test(value);
    case 'strict wildcard': return glob(v[0], true).test(value);
    default: {
      let cmp: number;
      if (node.selector === 'os.version') {
        const [a, b] = [semver(value), semver(v[0])];
        if (!a || !b) return undefined;
        cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
      } else {
        cmp = value < v[0] ? -1 : value > v[0] ? 1 : 0;
      }
      return node.op === '<' ? cmp < 0 : node.op === '<=' ? cmp <= 0 : node.op === '>' ? cmp > 0 : cmp >= 0;
    }
  }
}

function compare(node: CompareNode, facts: MatchFacts): ClauseOutcome {
  const out = (truth: Truth, why: ClauseWhy, actual?: string[]): ClauseOutcome => ({ node, truth, why, actual });
  if (node.list !== undefined) return out(undefined, 'list');
  if (node.regexUnsupported) return out(undefined, 'regex');
  const info = selectorInfo(node.selector)!;
  if (!info.fact) return out(undefined, 'noFactSource');
  const fact = facts[info.fact];
  if (fact === undefined) return out(undefined, 'noFact');
  const values = fact === null ? [] : Array.isArray(fact) ? fact : [fact];
  let truth: Truth;
  if (info.shape === 'string') {
    truth = test(node, fact === null ? null : values[0] ?? '');
    if (truth === undefined) return out(undefined, 'version', values);
  } else if (node.quantifier) {
    const each = values.map(x => test(node, x));
    if (each.includes(undefined)) return out(undefined, 'version', values);
    truth = node.quantifier === 'any' ? each.some(Boolean) : each.every(Boolean);
  } else if (node.op === '==' || node.op === 'in') {
    // A list selector without [*]: the docs' examples (`identity.groups.name == "finance"`) mean membership.
    truth = values.some(x => node.values.includes(x));
  } else {
    return out(undefined, 'bareListOp', values);
  }
  return out(truth, truth ? 'matched' : 'notMatched', values);
}

function negate(c: ClauseOutcome): ClauseOutcome {
  return { ...c, negated: !c.negated };
}

export function evaluateMatch(node: MatchNode, facts: MatchFacts): Verdict {
  switch (node.kind) {
    case 'compare': {
      const c = compare(node, facts);
      return { truth: c.truth, clauses: [c] };
    }
    case 'opaque':
      return { truth: undefined, clauses: [{ node, truth: undefined, why: 'function' }] };
    case 'not': {
      const inner = evaluateMatch(node.arg, facts);
      return { truth: inner.truth === undefined ? undefined : !inner.truth, clauses: inner.clauses.map(negate) };
    }
    default: {
      const parts = node.items.map(n => evaluateMatch(n, facts));
      const unknown = parts.filter(p => p.truth === undefined);
      const all = (ps: Verdict[]) => ps.flatMap(p => p.clauses);
      if (node.kind === 'xor') {
        if (unknown.length) return { truth: undefined, clauses: all(unknown) };
        return { truth: parts.reduce((acc, p) => acc !== p.truth, false), clauses: all(parts) };
      }
      const decisive = node.kind === 'and' ? false : true;
      const first = parts.find(p => p.truth === decisive);
      if (first) return { truth: decisive, clauses: first.clauses };
      if (unknown.length) return { truth: undefined, clauses: all(unknown) };
      return { truth: !decisive, clauses: all(parts) };
    }
  }
}
