import { strict as assert } from 'assert';
import type { SettingsPolicy } from '../../src/api/types';
import { profileAsJson, profileAsTerraform, terraformLabel, type ProfileSnapshot } from '../../src/model/profileAsCode';
import { hclString } from '../../src/util/untrustedText';

/**
 * Reads one quoted HCL string starting at `src[at]` the way the HCL native syntax spec says
 * ("Template Expressions", "String Literals"): backslash escapes, `$${` / `%%{` as literal `${` / `%{`,
 * and an unescaped `${` or `%{` as the start of a template sequence — which an exported string must
 * never contain. Written from the spec, independent of hclString. Returns the text and where it ended.
 */
function readHclString(src: string, at = 0): { text: string; end: number } {
  assert.equal(src[at], '"', `no string at ${at}`);
  let text = '';
  let i = at + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') return { text, end: i + 1 };
    if (c === '\n') assert.fail(`a raw line break inside a quoted string: ${JSON.stringify(src)}`);
    if (c === '\\') {
      const e = src[i + 1];
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
      if (e in simple) {
        text += simple[e];
        i += 2;
      } else if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + len);
        assert.match(hex, new RegExp(`^[0-9a-fA-F]{${len}}$`), `bad \\${e} escape`);
        text += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + len;
      } else {
        assert.fail(`unknown escape \\${e}`);
      }
      continue;
    }
    if ((c === '$' || c === '%') && src[i + 1] === c && src[i + 2] === '{') {
      text += `${c}{`;
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && src[i + 1] === '{') assert.fail(`a template sequence ${c}{ would run: ${JSON.stringify(src)}`);
    text += c;
    i++;
  }
  return assert.fail('string not terminated');
}

const HOSTILE = [
  'plain',
  '',
  'say "hi"',
  'C:\\path\\',
  'trailing backslash \\',
  '${file("/etc/passwd")}',
  '%{ for x in var.y }${x}%{ endfor }',
  '$${already escaped}',
  '$$${three}',
  '%%{x}',
  '$',
  '%',
  '${',
  'a$b%c{d}',
  'line\nbreak\r\ntab\t',
  '"\n}\nresource "cloudflare_account" "evil" {\n  name = "x',
  'bidi \u202e override \u2028 sep \u0000 nul \u007f del',
  'emoji 🚀 and ünïcödé',
  'lone \ud800 surrogate',
];

describe('hclString: untrusted text in a quoted HCL string', () => {
  for (const text of HOSTILE) {
    it(`reads back as typed: ${JSON.stringify(text)}`, () => {
      const quoted = hclString(text);
      const { text: back, end } = readHclString(quoted);
      assert.equal(end, quoted.length, 'the string ends where hclString ended it');
      // A lone surrogate cannot be written in HCL: it comes back as the replacement character.
      assert.equal(back, text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
      assert.ok(!Array.from(quoted).some(ch => ch.charCodeAt(0) < 0x20 || /[\u007f\u2028\u2029\u202e]/.test(ch)), 'no raw control or separator characters');
    });
  }

  it('doubles only the introducer right before a brace (as hclwrite does)', () => {
    assert.equal(hclString('${x}'), '"$${x}"');
    assert.equal(hclString('%{x}'), '"%%{x}"');
    assert.equal(hclString('$$${x}'), '"$$$${x}"');
    assert.equal(hclString('5$ 10%'), '"5$ 10%"');
  });
});

const CUSTOM: SettingsPolicy = {
  policy_id: 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415',
  name: 'Eng "${var.x}" \\ %{if}',
  description: 'desc\nwith a line } break',
  match: 'identity.email == "a@b.c" or any(identity.groups.name[*] in {"Eng"})',
  precedence: 100,
  enabled: true,
  allow_mode_switch: false,
  auto_connect: 0,
  captive_portal: 180,
  support_url: 'https://help.example/${x}',
  tunnel_protocol: 'wireguard',
  service_mode_v2: { mode: 'proxy', port: 3000 },
  gateway_unique_id: 'SECRET-DOH-ID',
  target_tests: [{ id: 't1', name: 'dex' }],
  exclude: [{ address: 'stale' }],
};

function snapshot(profile: SettingsPolicy): ProfileSnapshot {
  return {
    profile,
    mode: 'include',
    routes: [{ address: '10.0.0.0/8', description: 'corp "${x}"' }, { host: '*.corp.example' }],
    fallbackDomains: [{ suffix: 'corp.example', description: '%{ bad }', dns_server: ['10.0.0.53', '2001:db8::53'] }, { suffix: 'intranet' }],
  };
}

/** `name = "…"` attributes of one resource block: each value read back through readHclString. */
function stringAttributes(hcl: string, blockStart: string): Map<string, string> {
  const start = hcl.indexOf(blockStart);
  assert.ok(start >= 0, `no block ${blockStart}`);
  const out = new Map<string, string>();
  const re = /^ {2}([a-z_0-9]+)\s*= "/gm;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(hcl))) {
    const { text, end } = readHclString(hcl, m.index + m[0].length - 1);
    out.set(m[1], text);
    re.lastIndex = end;
    if (hcl.slice(end).startsWith('\n}')) break;
  }
  return out;
}

describe('profileAsTerraform (Cloudflare provider v5)', () => {
  const hcl = profileAsTerraform(snapshot(CUSTOM), '699d98642c564d2e855e9661899b7252');

  it('writes the custom profile resource with the provider\'s attribute names and the active list only', () => {
    assert.match(hcl, /^resource "cloudflare_zero_trust_device_custom_profile" "eng_var_x_if" \{$/m);
    const attrs = stringAttributes(hcl, 'resource "cloudflare_zero_trust_device_custom_profile"');
    assert.equal(attrs.get('name'), CUSTOM.name);
    assert.equal(attrs.get('match'), CUSTOM.match);
    assert.equal(attrs.get('description'), CUSTOM.description);
    assert.equal(attrs.get('support_url'), CUSTOM.support_url);
    assert.match(hcl, /^ {2}precedence += 100$/m);
    assert.match(hcl, /^ {2}allow_mode_switch += false$/m);
    assert.match(hcl, /^ {2}captive_portal += 180$/m);
    assert.match(hcl, /^ {2}service_mode_v2 = \{\n {4}mode = "proxy"\n {4}port = 3000\n {2}\}$/m);
    assert.match(hcl, /^ {2}include = \[\n {4}\{ address = "10\.0\.0\.0\/8", description = "corp \\"\$\$\{x\}\\"" \},\n {4}\{ host = "\*\.corp\.example" \},\n {2}\]$/m);
    assert.ok(!/^ {2}exclude\b/m.test(hcl), 'the inactive list is not set (the API refuses both)');
  });

  it('writes the Local Domain Fallback resource tied to the profile by policy_id', () => {
    assert.match(hcl, /^resource "cloudflare_zero_trust_device_custom_profile_local_domain_fallback" "eng_var_x_if" \{$/m);
    assert.match(hcl, /^ {2}policy_id += cloudflare_zero_trust_device_custom_profile\.eng_var_x_if\.policy_id$/m);
    assert.match(hcl, /\{ suffix = "corp\.example", description = "%%\{ bad \}", dns_server = \["10\.0\.0\.53", "2001:db8::53"\] \},/);
    assert.match(hcl, /\{ suffix = "intranet" \},/);
  });

  it('adopts the existing profile with an import block and names the account by variable', () => {
    assert.match(hcl, /^import \{\n {2}to = cloudflare_zero_trust_device_custom_profile\.eng_var_x_if\n {2}id = "699d98642c564d2e855e9661899b7252\/f174e90a-fafe-4643-bbbc-4a0ed4fc8415"\n\}$/m);
    assert.match(hcl, /^ {2}account_id += var\.account_id$/m);
  });

  it('leaves out read-only fields and the DoH id', () => {
    assert.ok(!hcl.includes('SECRET-DOH-ID'));
    assert.ok(!/gateway_unique_id|target_tests|policy_id += "|default += (true|false)/.test(hcl));
  });

  it('has no string a template could run in, and every brace and bracket closed', () => {
    const outside = hcl.replace(/"(?:[^"\\]|\\.)*"/g, m => (readHclString(m), '""'));
    assert.ok(!outside.includes('${') && !outside.includes('%{'));
    for (const [open, close] of [['{', '}'], ['[', ']']]) {
      assert.equal(outside.split(open).length, outside.split(close).length, `${open}${close} balanced`);
    }
  });

  it('writes the default profile without name, match, precedence, description or enabled', () => {
    const def = profileAsTerraform(snapshot({ default: true, enabled: true, description: 'x', switch_locked: true, exclude: [] }), 'acc');
    assert.match(def, /^resource "cloudflare_zero_trust_device_default_profile" "default" \{$/m);
    assert.match(def, /^resource "cloudflare_zero_trust_device_default_profile_local_domain_fallback" "default" \{$/m);
    assert.match(def, /^ {2}switch_locked += true$/m);
    assert.ok(!/^ {2}(name|match|precedence|description|enabled|policy_id)\b/m.test(def));
    assert.match(def, /^ {2}to = cloudflare_zero_trust_device_default_profile\.default\n {2}id = "acc"$/m);
  });

  it('names resources with valid Terraform identifiers', () => {
    assert.equal(terraformLabel('Allow Developers'), 'allow_developers');
    assert.equal(terraformLabel('2024 laptops'), 'profile_2024_laptops');
    assert.equal(terraformLabel('"; rm -rf'), 'rm_rf');
    assert.equal(terraformLabel('ünï'), 'n');
    assert.equal(terraformLabel('!!!'), 'profile');
  });
});

describe('profileAsJson (the API\'s shape)', () => {
  it('holds the settings and the lists as read, without the DoH id or a stale inactive list', () => {
    const parsed = JSON.parse(profileAsJson(snapshot(CUSTOM))) as SettingsPolicy;
    assert.equal(parsed.name, CUSTOM.name);
    assert.equal(parsed.match, CUSTOM.match);
    assert.deepEqual(parsed.include, snapshot(CUSTOM).routes);
    assert.equal(parsed.exclude, undefined);
    assert.deepEqual(parsed.fallback_domains, snapshot(CUSTOM).fallbackDomains);
    assert.deepEqual(parsed.service_mode_v2, CUSTOM.service_mode_v2);
    assert.equal(parsed.gateway_unique_id, undefined);
  });
});
