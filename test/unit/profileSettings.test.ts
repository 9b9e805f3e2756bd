import { strict as assert } from 'assert';
import type { SettingsPolicy } from '../../src/api/types';
import {
  changedFields,
  checkForm,
  checkName,
  checkSupportUrl,
  formFromProfile,
  nextFreePrecedence,
  parseInteger,
  parsePrecedence,
  patchFromForm,
  visibleFields,
} from '../../src/model/profileSettings';

const eng: SettingsPolicy = {
  policy_id: 'p-eng',
  name: 'Engineering',
  match: 'any(identity.groups.name[*] in {"Eng"})',
  precedence: 10,
  enabled: true,
  captive_portal: 180,
  service_mode_v2: { mode: 'warp' },
  tunnel_protocol: 'wireguard',
  support_url: '',
};
const sales: SettingsPolicy = { policy_id: 'p-sales', name: 'Sales', match: 'os.name == "mac"', precedence: 25, service_mode_v2: { mode: 'proxy', port: 40000 } };
const dflt: SettingsPolicy = { policy_id: 'p-default', default: true, enabled: true, captive_portal: 180, service_mode_v2: { mode: 'warp' } };
const all = [eng, sales, dflt];

describe('profile settings', () => {
  describe('parseInteger', () => {
    it('accepts a whole number within the bounds, trimmed', () => {
      assert.deepEqual(parseInteger('captive_portal', ' 300 '), { value: 300 });
      assert.deepEqual(parseInteger('auto_connect', '0'), { value: 0 });
      assert.deepEqual(parseInteger('proxy_port', '65535'), { value: 65535 });
    });
    it('refuses empty, fractional, non-numeric and out-of-range values', () => {
      assert.deepEqual(parseInteger('captive_portal', '').problem, { kind: 'required' });
      assert.deepEqual(parseInteger('captive_portal', '1.5').problem, { kind: 'notInteger' });
      assert.deepEqual(parseInteger('captive_portal', '1e3').problem, { kind: 'notInteger' });
      assert.deepEqual(parseInteger('auto_connect', '86401').problem, { kind: 'range', min: 0, max: 86400 });
      assert.deepEqual(parseInteger('proxy_port', '0').problem, { kind: 'range', min: 1, max: 65535 });
      assert.deepEqual(parseInteger('lan_allow_subnet_size', '33').problem, { kind: 'range', min: 0, max: 32 });
      assert.deepEqual(parseInteger('captive_portal', '-5').problem, { kind: 'range', min: 0, max: 86400 });
    });
  });

  describe('precedence', () => {
    it('refuses a precedence another custom profile uses, naming it', () => {
      assert.deepEqual(parsePrecedence('25', all).problem, { kind: 'precedenceTaken', precedence: 25, by: 'Sales' });
    });
    it("accepts the profile's own precedence when editing it", () => {
      assert.deepEqual(parsePrecedence('10', all, eng), { value: 10 });
    });
    it('suggests the next multiple of ten after the highest', () => {
      assert.equal(nextFreePrecedence(all), 30);
      assert.equal(nextFreePrecedence([dflt]), 10);
      assert.equal(nextFreePrecedence([{ ...eng, precedence: 40 }]), 50);
    });
  });

  describe('names', () => {
    it('refuses an empty name and one already used (case-insensitive), but not the profile itself', () => {
      assert.deepEqual(checkName('  ', all), { kind: 'required' });
      assert.deepEqual(checkName('engineering', all), { kind: 'nameTaken', name: 'Engineering' });
      assert.equal(checkName('Engineering', all, eng), undefined);
      assert.equal(checkName('Marketing', all), undefined);
    });
  });

  describe('support URL', () => {
    it('accepts https, mailto and empty; refuses the rest', () => {
      assert.equal(checkSupportUrl('https://help.acme.com/warp'), undefined);
      assert.equal(checkSupportUrl('mailto:it@acme.com'), undefined);
      assert.equal(checkSupportUrl(''), undefined);
      assert.deepEqual(checkSupportUrl('help.acme.com'), { kind: 'url' });
      assert.deepEqual(checkSupportUrl('javascript:alert(1)'), { kind: 'url' });
      assert.deepEqual(checkSupportUrl('mailto:not-an-address'), { kind: 'url' });
    });
  });

  describe('form', () => {
    it('flattens service_mode_v2 and hides custom-only fields on the default profile', () => {
      const form = formFromProfile(sales);
      assert.equal(form.service_mode, 'proxy');
      assert.equal(form.proxy_port, 40000);
      const d = formFromProfile(dflt);
      assert.ok(!('name' in d) && !('precedence' in d) && !('match' in d));
      const rows = visibleFields(d, true);
      for (const k of ['name', 'description', 'match', 'precedence', 'proxy_port']) assert.ok(!rows.includes(k as never), k);
      assert.ok(visibleFields(form, false).includes('proxy_port'));
    });

    it('sends only what changed', () => {
      const original = formFromProfile(eng);
      const form = { ...original, captive_portal: 300 };
      assert.deepEqual(changedFields(original, form), ['captive_portal']);
      assert.deepEqual(patchFromForm(original, form), { captive_portal: 300 });
      assert.deepEqual(patchFromForm(original, { ...original }), {});
    });

    it('treats an emptied text that was absent as unchanged', () => {
      const original = formFromProfile({ ...eng, description: undefined });
      assert.deepEqual(changedFields(original, { ...original, description: '' }), []);
    });

    it('sends service_mode_v2 whole when the mode or port changes, with the port only in proxy mode', () => {
      const original = formFromProfile(eng);
      assert.deepEqual(patchFromForm(original, { ...original, service_mode: 'proxy', proxy_port: 8080 }), { service_mode_v2: { mode: 'proxy', port: 8080 } });
      const proxy = formFromProfile(sales);
      assert.deepEqual(patchFromForm(proxy, { ...proxy, proxy_port: 40001 }), { service_mode_v2: { mode: 'proxy', port: 40001 } });
      assert.deepEqual(patchFromForm(proxy, { ...proxy, service_mode: 'warp' }), { service_mode_v2: { mode: 'warp' } });
    });

    it('refuses proxy mode without a port, custom-only fields on the default, and bad values', () => {
      const original = formFromProfile(eng);
      assert.deepEqual(checkForm({ ...original, service_mode: 'proxy' }, false, all, eng)?.problem, { kind: 'portRequired' });
      assert.deepEqual(checkForm({ ...formFromProfile(dflt), precedence: 5 }, true, all)?.problem, { kind: 'customOnly', field: 'precedence' });
      assert.deepEqual(checkForm({ ...original, tunnel_protocol: 'ipsec' }, false, all, eng)?.field, 'tunnel_protocol');
      assert.deepEqual(checkForm({ ...original, precedence: 25 }, false, all, eng)?.problem, { kind: 'precedenceTaken', precedence: 25, by: 'Sales' });
      assert.equal(checkForm({ ...original, captive_portal: 60 }, false, all, eng), undefined);
    });

    it('checks only the given fields, so an odd value already on Cloudflare does not block another change', () => {
      const odd = formFromProfile({ ...eng, captive_portal: 999999 });
      const form = { ...odd, allow_updates: false };
      assert.ok(checkForm(form, false, all, eng), 'every field: the odd one is reported');
      assert.equal(checkForm(form, false, all, eng, changedFields(odd, form)), undefined);
    });
  });
});
