import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SettingIds } from '../../src/constants';
import { AUTO_REFRESH_BUDGET_SHARE, autoRefreshDelayMs, boundedSetting, RATE_LIMIT, SETTING_BOUNDS, type BoundedSetting } from '../../src/model/settingsBounds';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties;
const BUDGETED: BoundedSetting[] = ['pageSize', 'autoRefreshSeconds', 'requestTimeoutSeconds'];

/** Odd values a settings.json (a cloned repository's included) can hold. */
const ODD: unknown[] = [-1, 0, 0.5, 1, 5, 9, 10, 59, 60, 3600, 1e9, Infinity, NaN, '1', 'abc', null, undefined, true, {}];

describe('settings that spend the rate budget', () => {
  it('are declared restricted in untrusted workspaces, and not settable by a workspace at all', () => {
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    for (const name of BUDGETED) {
      const id = SettingIds[name];
      assert.ok(restricted.includes(id), `${id} is not in restrictedConfigurations`);
      assert.equal(props[id].scope, 'machine', `${id} scope`);
    }
  });

  it('declare in package.json the bounds the code applies', () => {
    for (const name of BUDGETED) {
      const p = props[SettingIds[name]];
      const b = SETTING_BOUNDS[name];
      assert.deepEqual({ min: p.minimum, max: p.maximum, default: p.default }, { min: b.min, max: b.max, default: b.default }, name);
    }
  });

  it('clamp whatever a settings file holds into those bounds', () => {
    for (const name of BUDGETED) {
      const b = SETTING_BOUNDS[name];
      for (const raw of ODD) {
        const v = boundedSetting(name, raw);
        assert.ok(Number.isInteger(v) && v >= b.min && v <= b.max, `${name}=${String(raw)} gave ${v}`);
      }
    }
    assert.equal(boundedSetting('pageSize', 1), 50);
    assert.equal(boundedSetting('pageSize', 5000), 1000);
    assert.equal(boundedSetting('pageSize', 'abc'), 100);
    assert.equal(boundedSetting('requestTimeoutSeconds', 1), 5);
    assert.equal(boundedSetting('autoRefreshSeconds', -3), 0);
  });

  it('keep every view\'s auto-refresh within its share of the budget, for any fleet size and setting', () => {
    const perViewCap = RATE_LIMIT.requests * AUTO_REFRESH_BUDGET_SHARE;
    for (const setting of ODD) {
      for (const pageSize of ODD) {
        for (const devices of [0, 1, 99, 1000, 10_000, 20_000, 50_000]) {
          const cost = Math.max(1, Math.ceil(devices / boundedSetting('pageSize', pageSize)));
          const delay = autoRefreshDelayMs(setting, cost);
          if (delay === undefined) continue;
          const perWindow = (RATE_LIMIT.windowMs / delay) * cost;
          assert.ok(perWindow <= perViewCap + 1e-9, `setting ${String(setting)}, pageSize ${String(pageSize)}, ${devices} devices: ${perWindow.toFixed(0)} requests / 5 min`);
        }
      }
    }
    // Three views together stay well inside the budget.
    assert.ok(3 * perViewCap <= RATE_LIMIT.requests * 0.3);
  });

  it('refresh a small fleet as often as asked (from 10 s), a big one less often, and not at all for 0', () => {
    assert.equal(autoRefreshDelayMs(0), undefined);
    assert.equal(autoRefreshDelayMs(1, 1), 10_000);
    assert.equal(autoRefreshDelayMs(60, 2), 60_000);
    assert.equal(autoRefreshDelayMs(10, 100), 250_000, '100 requests per reload: at most every 250 s');
  });
});
