// Validation of Split Tunnel and Local Domain Fallback rows (src/model/listValidation.ts).
import { strict as assert } from 'assert';
import { countProblems, isIpAddress, parseSplitTunnelValue, validateFallback, validateSplitTunnel, type Problem, type RowInput } from '../../src/model/listValidation';

const row = (value: string, description = '', dns = ''): RowInput => ({ value, description, dns });
const codes = (problems: Problem[]) => problems.map(p => `${p.severity}:${p.code}`);

function splitProblems(...values: string[]): Problem[][] {
  return validateSplitTunnel(values.map(v => row(v)));
}

describe('list validation: Split Tunnel values', () => {
  it('accepts IPv4/IPv6 addresses and CIDRs, exact domains and leading wildcards', () => {
    const ok = ['10.0.0.0/8', '192.168.1.10', '255.255.255.255/32', '0.0.0.0/0', 'fe80::/10', '2001:db8::1', '::ffff:10.0.0.1',
      '2001:db8::/128', 'example.com', '*.example.com', 'a-b.c0.example.org', 'localhost', 'xn--bcher-kva.example'];
    // one at a time: 0.0.0.0/0 would cover the other IPv4 rows
    for (const v of ok) assert.deepEqual(codes(splitProblems(v)[0]), [], v);
  });

  it('classifies what is an address and what is a host', () => {
    assert.equal(parseSplitTunnelValue('10.0.0.0/8').kind, 'address');
    assert.equal(parseSplitTunnelValue('fd00::/8').kind, 'address');
    assert.equal(parseSplitTunnelValue('*.corp.acme.com').kind, 'host');
    assert.equal(parseSplitTunnelValue(' Intranet.Acme.com ').kind, 'host');
  });

  it('refuses values that are neither, with a reason in the problem', () => {
    const cases: [string, string][] = [
      ['', 'emptyValue'],
      ['300.1.1.1', 'notAddressOrDomain'],
      ['10.0.0', 'notAddressOrDomain'],
      ['10.0.0.0/33', 'badPrefix'],
      ['fe80::/129', 'badPrefix'],
      ['10.0.0.0/8/8', 'notAddressOrDomain'],
      ['10.0.0.0/x', 'notAddressOrDomain'],
      ['2001:db8:::1', 'notAddressOrDomain'],
      ['0x0a.0.0.1', 'notAddressOrDomain'],
      ['exa mple.com', 'labelCharacters'],
      ['ex_ample.com', 'labelCharacters'],
      ['-bad.example.com', 'labelHyphen'],
      ['example..com', 'emptyLabel'],
      ['example.com.', 'emptyLabel'],
      ['foo.*.example.com', 'wildcardPosition'],
      ['*example.com', 'wildcardPosition'],
      ['**.example.com', 'wildcardPosition'],
      [`${'a'.repeat(64)}.com`, 'labelTooLong'],
      [`${'abcdefghi.'.repeat(26)}com`, 'domainTooLong'],
      ['bücher.example', 'labelCharacters'],
      ['1.2.3.4.5', 'notAddressOrDomain'],
    ];
    const problems = splitProblems(...cases.map(c => c[0]));
    cases.forEach(([value, code], i) => assert.deepEqual(codes(problems[i]), [`error:${code}`], `${value}: ${JSON.stringify(problems[i])}`));
    // The value is named in the message arguments, so the row says which entry is wrong.
    assert.deepEqual(problems[1][0].args, ['300.1.1.1']);
    assert.deepEqual(problems[3][0].args, ['10.0.0.0/33', '33', '4', '32']);
  });

  it('does not take legacy IPv4 forms (10.1, 0x0a000001) as addresses', () => {
    assert.equal(isIpAddress('10.1'), false);
    assert.equal(isIpAddress('167772161'), false);
    assert.equal(isIpAddress('10.0.0.1'), true);
    assert.equal(isIpAddress('fe80::1%eth0'), false);
  });

  it('warns about host bits set in a CIDR, naming the network it means', () => {
    const [p] = splitProblems('10.1.2.3/8');
    assert.deepEqual(codes(p), ['warning:hostBits']);
    assert.deepEqual(p[0].args, ['10.1.2.3/8', '10.0.0.0/8']);
  });
});

describe('list validation: duplicates and coverage', () => {
  it('warns about a CIDR inside a wider one, whatever the order', () => {
    const p = splitProblems('10.12.0.0/16', '192.168.1.1', '10.0.0.0/8', '192.168.0.0/16', '10.12.5.0/24');
    assert.deepEqual(codes(p[0]), ['warning:coveredBy']);
    assert.deepEqual(p[0][0].args, ['10.0.0.0/8', '3']);
    assert.deepEqual(p[1][0].args, ['192.168.0.0/16', '4']);
    assert.deepEqual(codes(p[2]), []);
    assert.deepEqual(codes(p[3]), []);
    // covered by the widest network in the list
    assert.deepEqual(p[4][0].args, ['10.0.0.0/8', '3']);
  });

  it('flags duplicates (same network, also written differently) and keeps families apart', () => {
    const p = splitProblems('10.0.0.0/8', '10.0.0.0/8', '10.9.9.9/8', 'fd00::/8', 'FD00:0::/8', '::/0', '0.0.0.0/0');
    assert.deepEqual(codes(p[1]), ['warning:duplicate']);
    assert.deepEqual(p[1][0].args, ['10.0.0.0/8', '1']);
    assert.deepEqual(codes(p[2]), ['warning:hostBits', 'warning:duplicate']);
    assert.deepEqual(codes(p[4]), ['warning:duplicate']);
    // ::/0 covers every IPv6 row but no IPv4 row; 0.0.0.0/0 the reverse.
    assert.deepEqual(codes(p[3]), ['warning:coveredBy']);
    assert.deepEqual(p[3][0].args, ['::/0', '6']);
    assert.deepEqual(p[0][0].args, ['0.0.0.0/0', '7']);
  });

  it('flags duplicate hosts (case-insensitive) and hosts under a wildcard', () => {
    const p = splitProblems('*.example.com', 'a.example.com', 'A.Example.com', '*.b.example.com', 'example.com', '*.example.com', 'other.com');
    assert.deepEqual(codes(p[0]), []);
    assert.deepEqual(codes(p[1]), ['warning:coveredBy']);
    assert.deepEqual(codes(p[2]), ['warning:duplicate', 'warning:coveredBy']);
    assert.deepEqual(codes(p[3]), ['warning:coveredBy']);
    // *.example.com matches subdomains only, not example.com itself
    assert.deepEqual(codes(p[4]), []);
    assert.deepEqual(codes(p[5]), ['warning:duplicate']);
    assert.deepEqual(codes(p[6]), []);
  });

  it('counts errors, warnings and rows with errors', () => {
    const c = countProblems(splitProblems('300.1.1.1', '10.0.0.0/8', '10.1.0.0/16', ''));
    assert.deepEqual(c, { errors: 2, warnings: 1, rowsWithErrors: 2 });
  });
});

describe('list validation: Local Domain Fallback', () => {
  it('accepts suffixes with zero or more DNS servers separated by commas or spaces', () => {
    const p = validateFallback([row('corp.acme.com', 'x', '10.0.0.53, 10.0.1.53'), row('intranet'), row('home.arpa', '', '2001:db8::53 10.0.0.1')]);
    p.forEach(x => assert.deepEqual(codes(x), []));
  });

  it('refuses wildcards, bad suffixes and DNS servers that are not IP addresses', () => {
    const p = validateFallback([row('*.corp.acme.com'), row(''), row('10.0.0.1'), row('bad..suffix'), row('ok.example', '', '10.0.0.53, dns.example.com, 10.0.0.0/8')]);
    assert.deepEqual(codes(p[0]), ['error:suffixWildcard']);
    assert.deepEqual(codes(p[1]), ['error:emptyValue']);
    assert.deepEqual(codes(p[2]), ['error:badDomain']);
    assert.deepEqual(codes(p[3]), ['error:emptyLabel']);
    assert.deepEqual(codes(p[4]), ['error:badDnsServer', 'error:badDnsServer']);
    assert.deepEqual(p[4].map(x => x.field), ['dns', 'dns']);
    assert.deepEqual(p[4].map(x => x.args[0]), ['dns.example.com', '10.0.0.0/8']);
  });

  it('warns about duplicate suffixes and a DNS server listed twice', () => {
    const p = validateFallback([row('corp.acme.com'), row('Corp.Acme.com', '', '10.0.0.53 10.0.0.53')]);
    assert.deepEqual(codes(p[1]), ['warning:duplicate', 'warning:duplicateDnsServer']);
  });
});

describe('list validation: speed', () => {
  it('validates 1,000 Split Tunnel entries in linear time (prints the time)', () => {
    const rows: RowInput[] = [];
    for (let i = 0; i < 1000; i++) {
      const kind = i % 4;
      if (kind === 0) rows.push(row(`10.${i % 256}.${(i * 7) % 256}.0/24`));
      else if (kind === 1) rows.push(row(`172.${16 + (i % 16)}.${i % 256}.${i % 200}`));
      else if (kind === 2) rows.push(row(`2001:db8:${i.toString(16)}::/48`));
      else rows.push(row(i % 8 === 3 ? `*.team${i}.example.com` : `host${i}.team${i - 2}.example.com`));
    }
    rows.push(row('10.0.0.0/8'), row('2001:db8::/32'));
    validateSplitTunnel(rows); // warm up the JIT
    const runs = 5;
    const start = process.hrtime.bigint();
    let problems: Problem[][] = [];
    for (let i = 0; i < runs; i++) problems = validateSplitTunnel(rows);
    const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
    console.log(`      validateSplitTunnel: ${rows.length} entries in ${ms.toFixed(2)} ms (mean of ${runs})`);
    const c = countProblems(problems);
    assert.equal(c.errors, 0);
    // every 10.x/24 and 2001:db8:…/48 is inside the two wide networks appended at the end
    assert.ok(problems[0].some(p => p.code === 'coveredBy'));
    assert.ok(problems[2].some(p => p.code === 'coveredBy'));
  });

  it('validates 1,000 fallback entries (prints the time)', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row(`site${i}.corp.example.com`, `Site ${i}`, `10.0.${i % 256}.53, 10.1.${i % 256}.53`));
    const start = process.hrtime.bigint();
    const problems = validateFallback(rows);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(`      validateFallback: ${rows.length} entries in ${ms.toFixed(2)} ms`);
    assert.equal(countProblems(problems).errors, 0);
  });
});
