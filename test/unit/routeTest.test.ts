// "Does it go through WARP?" and "Which profile applies?": the evaluators, table-driven.
import { strict as assert } from 'assert';
import type { SettingsPolicy } from '../../src/api/types';
import { explainProfiles, factsNeeded } from '../../src/model/profileExplain';
import { rulesFromProfile, rulesWithRows, splitInputs, testRoutes, type RouteAnswer, type RouteRules } from '../../src/model/routeTest';

const exclude: RouteRules = {
  mode: 'exclude',
  entries: [
    { value: '10.0.0.0/8', description: 'RFC 1918' },
    { value: '10.12.0.0/16', description: 'lab' },
    { value: 'fd00::/8' },
    { value: 'fd00:1::/32' },
    { value: 'zoom.us' },
    { value: '*.corp.acme.com', description: 'intranet' },
    { value: '*.eu.corp.acme.com' },
    { value: '172.64.0.0/16' },
    { value: 'not an entry' },
  ],
  fallback: [
    { suffix: 'acme.com', dns: [] },
    { suffix: 'corp.acme.com', description: 'corp DNS', dns: ['10.0.0.53', '192.0.2.53'] },
    { suffix: 'home.arpa', dns: [] },
  ],
};

const include: RouteRules = { ...exclude, mode: 'include' };

function one(rules: RouteRules, input: string): RouteAnswer {
  return testRoutes(rules, [input])[0];
}

const by = (a: RouteAnswer) => (a.decidedBy === 'auto' ? 'auto' : a.decidedBy?.value);

describe('route test: Split Tunnel', () => {
  const table: [RouteRules, string, RouteAnswer['through'], string | undefined][] = [
    // The most specific entry decides (longest prefix, as the OS routing table does).
    [exclude, '10.12.3.4', 'outside', '10.12.0.0/16'],
    [exclude, '10.1.2.3', 'outside', '10.0.0.0/8'],
    [exclude, '8.8.8.8', 'warp', undefined],
    [include, '10.12.3.4', 'warp', '10.12.0.0/16'],
    [include, '8.8.8.8', 'outside', undefined],
    // IPv6, nested.
    [exclude, 'fd00:1::5', 'outside', 'fd00:1::/32'],
    [exclude, 'fd00:2::5', 'outside', 'fd00::/8'],
    [exclude, '2001:db8::1', 'warp', undefined],
    [include, 'fd00:1::5', 'warp', 'fd00:1::/32'],
    // IPv4 entries never match IPv6 inputs.
    [exclude, '::ffff:a0c:304', 'warp', undefined],
    // Automatically managed ranges: always through WARP, even inside an excluded range.
    [exclude, '172.64.130.1', 'warp', 'auto'],
    [exclude, '172.64.1.1', 'outside', '172.64.0.0/16'],
    [include, '2606:4700:cf1::1', 'warp', 'auto'],
    // Domains: exact, wildcard (not the apex), most specific wildcard.
    [exclude, 'zoom.us', 'outside', 'zoom.us'],
    [exclude, 'www.zoom.us', 'depends', undefined],
    [exclude, 'app.corp.acme.com', 'outside', '*.corp.acme.com'],
    [exclude, 'a.b.eu.corp.acme.com', 'outside', '*.eu.corp.acme.com'],
    [exclude, 'corp.acme.com', 'depends', undefined],
    [include, 'APP.Corp.Acme.com.', 'warp', '*.corp.acme.com'],
    // Ranges: one entry covers the range, or entries split it.
    [exclude, '10.12.0.0/24', 'outside', '10.12.0.0/16'],
    [exclude, '10.0.0.0/8', 'outside', '10.0.0.0/8'],
    [exclude, '0.0.0.0/0', 'partly', undefined],
    [include, '10.0.0.0/7', 'partly', undefined],
    [exclude, '172.64.0.0/16', 'partly', '172.64.0.0/16'],
    [exclude, 'nonsense!', undefined, undefined],
    [exclude, '*.wild.com', undefined, undefined],
  ];
  for (const [rules, input, through, decided] of table) {
    it(`${rules.mode}: ${input} → ${through}${decided ? ` by ${decided}` : ''}`, () => {
      const a = one(rules, input);
      assert.deepEqual([a.through, by(a)], [through, decided]);
    });
  }

  it('names the ranges that split a range, with the entry that does', () => {
    const a = one(exclude, '0.0.0.0/0');
    assert.deepEqual(a.exceptions?.map(x => [x.range, x.through, x.by === 'auto' ? 'auto' : x.by.row]), [
      ['10.0.0.0/8', 'outside', 1],
      ['172.64.0.0/16', 'outside', 8],
      ['172.64.128.0/20', 'warp', 'auto'],
    ]);
    // A nested entry with the same direction as its parent splits nothing.
    assert.ok(!a.exceptions?.some(x => x.range === '10.12.0.0/16'));
  });

  it('reports the row and description of the deciding entry, and flags wildcards for mobile clients', () => {
    const a = one(exclude, 'app.corp.acme.com');
    assert.deepEqual(a.decidedBy, { row: 6, value: '*.corp.acme.com', description: 'intranet' });
    assert.equal(a.wildcardOnMobile, true);
    assert.equal(one(exclude, 'zoom.us').wildcardOnMobile, undefined);
  });

  it('an empty list sends everything through WARP in exclude mode and nothing in include mode', () => {
    const empty = { mode: 'exclude' as const, entries: [], fallback: [] };
    assert.deepEqual(testRoutes(empty, ['1.2.3.4', '2001:db8::1', 'example.com']).map(a => a.through), ['warp', 'warp', 'depends']);
    assert.deepEqual(testRoutes({ ...empty, mode: 'include' }, ['1.2.3.4', '10.0.0.0/8']).map(a => a.through), ['outside', 'outside']);
    assert.equal(one({ ...empty, mode: 'include' }, '172.64.128.9').through, 'warp', 'automatically included even in an empty include list');
  });
});

describe('route test: Local Domain Fallback', () => {
  it('the longest suffix answers with its DNS servers, each routed by the Split Tunnel rules', () => {
    const d = one(exclude, 'app.corp.acme.com').dns!;
    assert.equal(d.by, 'fallback');
    assert.equal(d.suffix?.value, 'corp.acme.com');
    assert.deepEqual(d.servers, [{ ip: '10.0.0.53', through: 'outside' }, { ip: '192.0.2.53', through: 'warp' }]);
    assert.deepEqual(d.alsoMatched?.map(e => e.value), ['acme.com']);
  });

  it('a suffix covers itself and every name under it; no dns_server means the device\'s own servers', () => {
    assert.equal(one(exclude, 'acme.com').dns?.suffix?.value, 'acme.com');
    assert.deepEqual(one(exclude, 'www.acme.com').dns?.servers, []);
    assert.equal(one(exclude, 'router.home.arpa').dns?.suffix?.row, 3);
  });

  it('other names and addresses go to Gateway, or have no DNS question at all', () => {
    assert.deepEqual(one(exclude, 'example.org').dns, { by: 'gateway' });
    assert.deepEqual(one(exclude, 'notacme.com').dns, { by: 'gateway' });
    assert.equal(one(exclude, '10.0.0.1').dns, undefined);
  });
});

describe('route test: rules from a profile and from unsaved editor rows', () => {
  const profile: SettingsPolicy = {
    policy_id: 'p', name: 'P', precedence: 10, match: 'os.name == "linux"',
    exclude: [{ address: '10.0.0.0/8' }], include: [], fallback_domains: [{ suffix: 'corp', dns_server: ['10.0.0.53'] }],
  };

  it('reads the mode and list a profile uses', () => {
    const r = rulesFromProfile(profile);
    assert.deepEqual(r, { mode: 'exclude', entries: [{ value: '10.0.0.0/8', description: undefined }], fallback: [{ suffix: 'corp', description: undefined, dns: ['10.0.0.53'] }] });
    assert.equal(rulesFromProfile({ ...profile, exclude: [], include: [{ host: 'a.com' }] }).mode, 'include');
  });

  it('replaces one list with the editor rows, switching the mode for Split Tunnel', () => {
    const base = rulesFromProfile(profile);
    const rows = [{ value: ' 192.168.0.0/16 ', description: 'home', dns: '' }];
    const inc = rulesWithRows(base, 'include', rows);
    assert.equal(inc.mode, 'include');
    assert.equal(one(inc, '192.168.1.1').through, 'warp');
    assert.equal(one(inc, '10.1.1.1').through, 'outside', 'the saved exclude list no longer counts');
    const fb = rulesWithRows(base, 'fallback_domains', [{ value: 'lab.test', description: '', dns: '10.9.9.9, 10.9.9.10' }]);
    assert.deepEqual(one(fb, 'x.lab.test').dns?.servers?.map(s => s.ip), ['10.9.9.9', '10.9.9.10']);
    assert.equal(fb.mode, 'exclude');
  });

  it('splits pasted inputs on spaces, commas and lines', () => {
    assert.deepEqual(splitInputs(' 10.0.0.1,2001:db8::1\nexample.com ;  '), ['10.0.0.1', '2001:db8::1', 'example.com']);
  });
});

describe('which profile applies', () => {
  const profiles: SettingsPolicy[] = [
    { policy_id: 'd', default: true },
    { policy_id: 'c', name: 'Contractors', precedence: 10, match: 'identity.email matches ".*@vendor\\\\.com$"' },
    { policy_id: 'e', name: 'Engineering', precedence: 20, match: 'any(identity.groups.name[*] in {"Eng"})' },
    { policy_id: 'x', name: 'Executives', precedence: 30, match: 'any(identity.groups.name[*] in {"Exec"})' },
    { policy_id: 'l', name: 'Linux', precedence: 5, match: 'os.name == "linux"', enabled: false },
    { policy_id: 'b', name: 'Broken', precedence: 40, match: 'identity.email matches "*@x.com"' },
  ];

  it('evaluates enabled custom profiles in precedence order; the first match applies', () => {
    const ex = explainProfiles(profiles, { email: 'j.doe@acme.com', groupNames: ['Eng'], osName: 'linux' });
    assert.deepEqual(ex.steps.map(s => [s.profile.policy_id, s.state]), [['l', 'disabled'], ['c', 'notMatched'], ['e', 'matched'], ['x', 'notReached'], ['b', 'notReached'], ['d', 'notReached']]);
    assert.equal(ex.applies?.policy_id, 'e');
    assert.deepEqual(ex.undecided, []);
    const failed = ex.steps[1].verdict!.clauses[0];
    assert.deepEqual([failed.why, failed.actual], ['notMatched', ['j.doe@acme.com']]);
  });

  it('the default applies when nothing matches; an expression that does not parse is undecided, not guessed', () => {
    const ex = explainProfiles(profiles, { email: 'a@b.c', groupNames: [] });
    assert.equal(ex.applies?.default, true);
    assert.deepEqual(ex.undecided.map(p => p.policy_id), ['b']);
    assert.equal(ex.steps.find(s => s.profile.policy_id === 'b')?.error?.code, 'badRegex');
  });

  it('an unknown fact leaves a profile undecided and evaluation goes on', () => {
    const ex = explainProfiles(profiles, { email: 'a@b.c' });
    assert.deepEqual(ex.undecided.map(p => p.policy_id), ['e', 'x', 'b']);
    assert.equal(ex.applies?.default, true);
  });

  it('asks only for the facts enabled profiles read', () => {
    assert.deepEqual(factsNeeded(profiles), ['email', 'groupNames']);
  });
});
