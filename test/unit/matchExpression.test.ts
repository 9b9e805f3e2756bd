// The match expression parser and evaluator. Valid examples are the ones Cloudflare's docs give
// (Device profiles → Selectors, the Gateway selector partials, "Gateway policy expressions").
import { strict as assert } from 'assert';
import { evaluateMatch, type MatchFacts } from '../../src/model/matchEvaluate';
import { parseMatch, selectorsOf, type MatchNode } from '../../src/model/matchExpression';

function ast(expr: string): MatchNode {
  const r = parseMatch(expr);
  assert.ok(r.ok, `${expr}: ${JSON.stringify(!r.ok && r.error)}`);
  return r.ast;
}

function truth(expr: string, facts: MatchFacts): boolean | undefined {
  return evaluateMatch(ast(expr), facts).truth;
}

describe('match expressions: parsing', () => {
  const docsExamples = [
    'identity.email == "user-name@company.com"',
    'identity.groups.email == "contractors@company.com"',
    'identity.groups.id == "12jf495bhjd7893ml09o"',
    'identity.groups.name == "finance"',
    'identity.saml_attributes == "group=finance"',
    'os.name in {"windows" "mac"}',
    'os.version == "1.2.0"',
    'network == "Austin office"',
    'identity.service_token_uuid == "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"',
    'any(device_posture.checks.passed[*] in {"1308749e-fcfb-4ebc-b051-fe022b632644"})',
    'any(device_posture.checks.failed[*] in {"1308749e-fcfb-4ebc-b051-fe022b632644"})',
    'identity.email in {"jdoe@example.com"} or any(identity.groups.name[*] in {"developers" "admin"}) and os.name == "windows"',
    'any(identity.groups[*].name in {"Engineering" "Security"})',
    'not(identity.email == "guest@company.com")',
    'identity.email matches ".*@company.com"',
    'identity.email in $01302951-49f9-47c9-a400-0297e60b6a10',
  ];
  for (const expr of docsExamples) {
    it(`accepts the docs' example ${expr}`, () => {
      const r = parseMatch(expr);
      assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
      assert.deepEqual(r.warnings, []);
    });
  }

  it('binds and tighter than or (wirefilter precedence), and reads && || ! as and or not', () => {
    const n = ast('identity.email in {"jdoe@example.com"} or any(identity.groups.name[*] in {"developers" "admin"}) and os.name == "windows"');
    assert.equal(n.kind, 'or');
    assert.deepEqual(n.kind === 'or' && n.items.map(i => i.kind), ['compare', 'and']);
    const s = ast('!(os.name == "linux") && os.name != "mac" || network == "HQ"');
    assert.equal(s.kind, 'or');
    assert.deepEqual([...selectorsOf(s)].sort(), ['network', 'os.name']);
  });

  it('decodes string escapes and raw strings as wirefilter does', () => {
    const n = ast('identity.email in {"a\\"b" "c\\\\d" "\\x41" "\\101" r"e\\.f" r#"g"h"#}');
    assert.deepEqual(n.kind === 'compare' && n.values, ['a"b', 'c\\d', 'A', 'A', 'e\\.f', 'g"h']);
  });

  const invalid: [string, string, number, string | undefined][] = [
    ['', 'empty', 0, undefined],
    ['identity.emial == "a@b.c"', 'unknownSelector', 0, 'identity.email'],
    ['user.email == "a@b.c"', 'unknownSelector', 0, 'identity.email'],
    ['any(identity.groups.names[*] in {"Eng"})', 'unknownSelector', 4, 'identity.groups.name'],
    ['os.name = "mac"', 'singleEquals', 8, '=='],
    ['os.name == windows', 'expectedValue', 11, '"windows"'],
    ['os.name in {"windows", "mac"}', 'comma', 21, ' '],
    ['os.name in {"windows"', 'unclosedSet', 11, undefined],
    ['(os.name == "linux"', 'unclosedParen', 0, undefined],
    ['identity.email == "a@b.c', 'unclosedString', 18, undefined],
    ['identity.email matches ".*@corp\\.com"', 'badEscape', 31, '\\\\.'],
    // Terraform's old example: a glob where a regular expression belongs.
    ['identity.email matches "*@vendor.com"', 'badRegex', 23, '".*@vendor\\\\.com"'],
    ['identity.email matches "(?<=x)y"', 'regexFeature', 23, undefined],
    ['identity.groups.name[*] == "Eng"', 'eachOutsideAny', 0, 'any(identity.groups.name[*] …)'],
    ['any(identity.groups.name in {"Eng"})', 'anyNeedsEach', 4, 'identity.groups.name[*]'],
    ['any(identity.email[*] == "x")', 'notList', 4, 'identity.email'],
    // A method call is not wirefilter (an example seen in the wild).
    ['identity.email.ends_with("@company.com")', 'unknownFunction', 0, undefined],
    ['lowr(identity.email) == "x"', 'unknownFunction', 0, 'lower'],
    ['identity.email', 'expectedOperator', 14, 'identity.email == "…"'],
    ['identity.email == "a" and', 'unexpectedEnd', 25, undefined],
    ['identity.email == "a" "b"', 'unexpectedToken', 22, undefined],
    ['os.name == "linux" @', 'unexpectedChar', 19, undefined],
  ];
  for (const [expr, code, offset, suggestion] of invalid) {
    it(`refuses ${JSON.stringify(expr)}: ${code} at ${offset}${suggestion ? `, suggesting ${suggestion}` : ''}`, () => {
      const r = parseMatch(expr);
      assert.equal(r.ok, false);
      assert.ok(!r.ok);
      assert.deepEqual({ code: r.error.code, offset: r.error.offset, suggestion: r.error.suggestion }, { code, offset, suggestion });
    });
  }

  it('warns, without refusing, about values that can never match or cannot be evaluated locally', () => {
    const mac = parseMatch('os.name == "macos"');
    assert.ok(mac.ok);
    assert.deepEqual(mac.warnings.map(w => [w.code, w.suggestion]), [['osNameValue', 'mac']]);
    const ver = parseMatch('os.version == "1.2"');
    assert.deepEqual(ver.warnings.map(w => [w.code, w.suggestion]), [['osVersionFormat', '1.2.0']]);
    const inline = parseMatch('identity.email matches "(?i)@ACME\\\\.com$"');
    assert.deepEqual(inline.warnings.map(w => w.code), ['regexLocal']);
  });
});

describe('match expressions: evaluation', () => {
  const jdoe: MatchFacts = { email: 'j.doe@acme.com', groupNames: ['Eng', 'VPN'], osName: 'windows', osVersion: '10.0.22631', network: 'Office', postureChecks: ['p1'] };
  const table: [string, MatchFacts, boolean | undefined][] = [
    ['identity.email == "j.doe@acme.com"', jdoe, true],
    ['identity.email != "j.doe@acme.com"', jdoe, false],
    ['identity.email matches ".*@acme\\\\.com$"', jdoe, true],
    ['identity.email matches ".*@vendor\\\\.com$"', jdoe, false],
    ['identity.email contains "doe"', jdoe, true],
    ['identity.email wildcard "*@ACME.com"', jdoe, true],
    ['identity.email strict wildcard "*@ACME.com"', jdoe, false],
    ['any(identity.groups.name[*] in {"Eng"})', jdoe, true],
    ['any(identity.groups[*].name in {"Sales" "Ops"})', jdoe, false],
    ['all(identity.groups.name[*] in {"Eng" "VPN" "Ops"})', jdoe, true],
    ['identity.groups.name == "VPN"', jdoe, true],
    ['os.name in {"windows" "mac"}', jdoe, true],
    ['os.version >= "10.0.0"', jdoe, true],
    ['os.version < "9.12.0"', jdoe, false],
    ['network == "Office"', jdoe, true],
    ['network == "Office"', { network: null }, false],
    ['network != "Office"', { network: null }, true],
    ['any(device_posture.checks.passed[*] in {"p1"})', jdoe, true],
    ['not(os.name == "windows")', jdoe, false],
    ['os.name == "mac" xor network == "Office"', jdoe, true],
    // Unknown, never guessed: a fact not given, a list, a function, something no fact holds.
    ['any(identity.groups.name[*] in {"Eng"})', { email: 'x@y.z' }, undefined],
    ['identity.email in $abc', jdoe, undefined],
    ['lower(identity.email) == "x"', jdoe, undefined],
    ['identity.service_token_uuid == "x"', jdoe, undefined],
    ['identity.groups.name != "Eng"', jdoe, undefined],
    // An unknown clause does not matter when another decides: false and ? = false, true or ? = true.
    ['os.name == "mac" and identity.email in $abc', jdoe, false],
    ['os.name == "windows" or identity.email in $abc', jdoe, true],
    ['os.name == "windows" and identity.email in $abc', jdoe, undefined],
  ];
  for (const [expr, facts, expected] of table) {
    it(`${expr} → ${expected}`, () => assert.equal(truth(expr, facts), expected));
  }

  it('names the clause that failed an and, and every clause of a failed or', () => {
    const and = evaluateMatch(ast('os.name == "windows" and network == "HQ" and identity.email == "x"'), jdoe);
    assert.deepEqual(and.clauses.map(c => [c.node.kind === 'compare' && c.node.selector, c.why, c.actual]), [['network', 'notMatched', ['Office']]]);
    const or = evaluateMatch(ast('os.name == "mac" or any(identity.groups.name[*] in {"Sales"})'), jdoe);
    assert.deepEqual(or.clauses.map(c => c.why), ['notMatched', 'notMatched']);
    const not = evaluateMatch(ast('not os.name == "windows"'), jdoe);
    assert.equal(not.clauses[0].negated, true);
  });
});
