/**
 * The words for match expressions: parse problems with their column and suggestion, a readable form
 * for the Profiles tree, and what an evaluated clause found. The grammar lives in model/.
 */
import * as vscode from 'vscode';
import type { ClauseOutcome } from '../../model/matchEvaluate';
import { parseMatch, type CompareNode, type Issue, type MatchNode } from '../../model/matchExpression';
import { OS_LABELS } from '../devices/deviceNode';

export function issueText(issue: Issue): string {
  const col = issue.offset + 1;
  const a = issue.args;
  let text: string;
  switch (issue.code) {
    case 'empty': text = vscode.l10n.t('Enter a match expression, e.g. identity.email == "j.doe@example.com".'); break;
    case 'unexpectedChar': text = vscode.l10n.t('Unexpected character "{0}" at column {1}.', a[0], col); break;
    case 'unclosedString': text = vscode.l10n.t('The string at column {0} is not closed with ".', col); break;
    case 'badEscape': text = vscode.l10n.t('Column {0}: {1} is not an escape in a quoted string (only \\" \\\\ \\xHH \\NNN are); write it doubled or use a raw string r"…".', col, a[0]); break;
    case 'unexpectedEnd': text = vscode.l10n.t('The expression ends too early at column {0}: a comparison must follow.', col); break;
    case 'unexpectedToken': text = vscode.l10n.t('Unexpected "{0}" at column {1}.', a[0], col); break;
    case 'expectedOperator': text = vscode.l10n.t('Column {0}: a comparison needs an operator (==, !=, in, matches…) after the selector.', col); break;
    case 'singleEquals': text = vscode.l10n.t('Column {0}: "=" is not an operator.', col); break;
    case 'expectedValue': text = vscode.l10n.t('Column {0}: values are written in double quotes.', col); break;
    case 'comma': text = vscode.l10n.t('Column {0}: values in {…} are separated by spaces, not commas.', col); break;
    case 'unclosedSet': text = vscode.l10n.t('The set opened at column {0} is not closed with "}".', col); break;
    case 'unclosedParen': text = vscode.l10n.t('The parenthesis at column {0} is not closed.', col); break;
    case 'unknownSelector': text = vscode.l10n.t('Unknown selector "{0}" at column {1}.', a[0], col); break;
    case 'unknownFunction': text = vscode.l10n.t('Unknown function "{0}" at column {1}; device profiles use any(…) or all(…).', a[0], col); break;
    case 'notList': text = vscode.l10n.t('Column {0}: {1} holds one value; [*] applies only to lists.', col, a[0]); break;
    case 'eachOutsideAny': text = vscode.l10n.t('Column {0}: {1}[*] must be inside any(…) or all(…).', col, a[0]); break;
    case 'anyNeedsEach': text = vscode.l10n.t('Column {0}: inside any(…) or all(…), the list is written with [*].', col); break;
    case 'unsupportedOp': text = vscode.l10n.t('Column {0}: "{1}" does not apply to text values.', col, a[0]); break;
    case 'badRegex': text = vscode.l10n.t('Column {0}: "{1}" is not a valid regular expression ({2}).', col, a[0], a[1]); break;
    case 'regexFeature': text = vscode.l10n.t('Column {0}: Cloudflare\'s regular expressions have no look-around or back-references.', col); break;
    case 'regexLocal': text = vscode.l10n.t('Column {0}: this regular expression uses syntax that cannot be evaluated locally; it is sent as written.', col); break;
    case 'osNameValue': text = vscode.l10n.t('Column {0}: os.name is one of {1}; "{2}" never matches.', col, a[1], a[0]); break;
    case 'osVersionFormat': text = vscode.l10n.t('Column {0}: OS versions are Semver (1.2.0); "{1}" is not one.', col, a[0]); break;
  }
  return issue.suggestion ? `${text} ${vscode.l10n.t('Did you mean {0}?', issue.suggestion.trim() === '' ? vscode.l10n.t('a space') : issue.suggestion)}` : text;
}

/**
 * For an input box: an error (blocks) for what does not parse, a warning (does not block) for what
 * parses but cannot be right or cannot be evaluated locally.
 */
export function matchValidation(expr: string): vscode.InputBoxValidationMessage | undefined {
  const r = parseMatch(expr);
  if (!r.ok) return { message: issueText(r.error), severity: vscode.InputBoxValidationSeverity.Error };
  if (r.warnings.length) return { message: r.warnings.map(issueText).join(' '), severity: vscode.InputBoxValidationSeverity.Warning };
  return undefined;
}

export function selectorLabel(selector: string): string {
  switch (selector) {
    case 'identity.email': return vscode.l10n.t('email');
    case 'identity.name': return vscode.l10n.t('user name');
    case 'identity.groups.name': return vscode.l10n.t('group');
    case 'identity.groups.id': return vscode.l10n.t('group ID');
    case 'identity.groups.email': return vscode.l10n.t('group email');
    case 'identity.saml_attributes': return vscode.l10n.t('SAML attribute');
    case 'identity.service_token_uuid': return vscode.l10n.t('service token');
    case 'os.name': return vscode.l10n.t('OS');
    case 'os.version': return vscode.l10n.t('OS version');
    case 'network': return vscode.l10n.t('network');
    case 'device_posture.checks.passed': return vscode.l10n.t('passed posture check');
    case 'device_posture.checks.failed': return vscode.l10n.t('failed posture check');
    default: return selector;
  }
}

function value(c: CompareNode, v: string): string {
  return c.selector === 'os.name' && OS_LABELS[v] ? OS_LABELS[v] : JSON.stringify(v);
}

function compareText(c: CompareNode): string {
  const sel = c.quantifier === 'all' ? vscode.l10n.t('every {0}', selectorLabel(c.selector)) : selectorLabel(c.selector);
  const values = c.values.map(v => value(c, v));
  const list = values.length === 1 ? values[0] : vscode.l10n.t('one of {0}', values.join(', '));
  switch (c.op) {
    case '==': return vscode.l10n.t('{0} is {1}', sel, values[0]);
    case '!=': return vscode.l10n.t('{0} is not {1}', sel, values[0]);
    case 'in': return c.list !== undefined ? vscode.l10n.t('{0} in list {1}', sel, c.list) : vscode.l10n.t('{0} is {1}', sel, list);
    case 'matches': return vscode.l10n.t('{0} matches /{1}/', sel, c.values[0]);
    case 'contains': return vscode.l10n.t('{0} contains {1}', sel, values[0]);
    case 'wildcard':
    case 'strict wildcard': return vscode.l10n.t('{0} is like {1}', sel, values[0]);
    default: return `${sel} ${c.op} ${values[0]}`;
  }
}

/** The expression in words: `group is "Eng" or email matches /.*@vendor\.com/`. */
export function readableNode(n: MatchNode, parent?: string): string {
  switch (n.kind) {
    case 'compare': return compareText(n);
    case 'opaque': return vscode.l10n.t('{0}(…)', n.name);
    case 'not': return vscode.l10n.t('not ({0})', readableNode(n.arg, 'not'));
    default: {
      const joiner = n.kind === 'and' ? vscode.l10n.t(' and ') : n.kind === 'or' ? vscode.l10n.t(' or ') : vscode.l10n.t(' xor ');
      const text = n.items.map(i => readableNode(i, n.kind)).join(joiner);
      return parent && parent !== 'not' && parent !== n.kind ? `(${text})` : text;
    }
  }
}

/** The readable form of an expression, or the expression itself marked when it does not parse. */
export function readableMatch(expr: string): string {
  const r = parseMatch(expr);
  return r.ok ? readableNode(r.ast) : vscode.l10n.t('⚠ {0}', expr);
}

/** What a clause found: "email "j.doe@acme.com" does not match", "group not given". */
export function clauseFinding(c: ClauseOutcome): string {
  const sel = c.node.kind === 'compare' ? selectorLabel(c.node.selector) : c.node.name;
  const actual = c.actual?.length ? c.actual.map(v => JSON.stringify(v)).join(', ') : vscode.l10n.t('none');
  switch (c.why) {
    case 'matched': return vscode.l10n.t('{0} {1}: matches', sel, actual);
    case 'notMatched': return vscode.l10n.t('{0} {1}: does not match', sel, actual);
    case 'noFact': return vscode.l10n.t('{0} not given: cannot evaluate locally', sel);
    case 'noFactSource': return vscode.l10n.t('{0} is not known here: cannot evaluate locally', sel);
    case 'list': return vscode.l10n.t('a Zero Trust list: cannot evaluate locally');
    case 'function': return vscode.l10n.t('the function {0}(…): cannot evaluate locally', sel);
    case 'regex': return vscode.l10n.t('this regular expression: cannot evaluate locally');
    case 'bareListOp': return vscode.l10n.t('this operator on a list without any(…): cannot evaluate locally');
    case 'version': return vscode.l10n.t('{0} {1} is not a Semver version: cannot evaluate locally', sel, actual);
  }
}
