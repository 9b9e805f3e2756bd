/**
 * Filtering and grouping 10,000 devices with the Devices view's pure model (src/model/deviceQuery.ts),
 * against baselines over the same data in the same run: one JSON.parse of the list, and a plain
 * `Array.prototype.filter` with `Map` bucketing (no sort, no cache).
 */
import type { Device } from '../../src/api/types';
import { deviceStatus, queryDevices, seenBucket, type DeviceQuery, type GroupBy } from '../../src/model/deviceQuery';
import type { Row } from './bench';
import { comparePair, fmtMs, fmtRatio, fmtSpread } from './timing';

type Kind = Exclude<GroupBy, 'none'>;

/** The naive way: filter, then bucket by the group's value; search text lower-cased on every call. */
function plainGroup(devices: readonly Device[], kind: Kind, filter: string, now: number): Map<string, Device[]> {
  const f = filter.trim().toLowerCase();
  const kept = f
    ? devices.filter(d => [d.name, d.user?.name, d.user?.email, d.serial_number, d.ip, d.model].some(s => !!s && s.toLowerCase().includes(f)))
    : devices.filter(() => true);
  const groups = new Map<string, Device[]>();
  for (const d of kept) {
    const key =
      kind === 'os' ? (d.device_type ?? '') : kind === 'user' ? (d.user?.email ?? '').toLowerCase() : kind === 'status' ? deviceStatus(d) : seenBucket(d, now);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(d);
  }
  return groups;
}

/** The baseline must do the same filtering and bucketing, or the ratio means nothing. */
function checkSame(devices: readonly Device[], query: DeviceQuery, now: number): void {
  const ours = queryDevices(devices, query, now);
  const plain = plainGroup(devices, query.groupBy as Kind, query.filter, now);
  const plainMatched = [...plain.values()].reduce((n, g) => n + g.length, 0);
  if (ours.matched !== plainMatched || ours.groups?.length !== plain.size) {
    throw new Error(`baseline disagrees for ${JSON.stringify(query)}: ${ours.matched} in ${ours.groups?.length} groups vs ${plainMatched} in ${plain.size}`);
  }
}

const GROUP_LABEL: Record<Kind, string> = { os: 'OS', user: 'user', status: 'status', lastSeen: 'last seen' };

/**
 * `json` is the devices as the API sent them (one JSON array); each cold round parses it afresh, so
 * the model meets new objects and a new array, as after a reload, and none of its caches help. A cold
 * query is dominated by the collated name sort, which a filter+Map pass does not do; its baseline is
 * therefore one JSON.parse of the same list (a cost every reload pays anyway), timed interleaved, and
 * the plain filter+Map time goes in the note.
 */
export function deviceQueryMeasures(json: string, now: number, runs = 11): Row[] {
  const fresh = () => JSON.parse(json) as Device[];
  const count = fresh().length.toLocaleString();
  const rows: Row[] = [];
  const cold = (measure: string, query: DeviceQuery, note: string) => {
    checkSame(fresh(), query, now);
    const p = comparePair({
      runs,
      setup: fresh,
      measure: d => queryDevices(d, query, now),
      baseline: () => JSON.parse(json),
      extra: d => plainGroup(d, query.groupBy as Kind, query.filter, now),
    });
    rows.push({
      measure,
      value: fmtMs(p.value),
      baseline: `JSON.parse ${fmtMs(p.baseline)}`,
      ratio: fmtRatio(p.ratio),
      note: `${note}plain filter+Map ${fmtMs(p.extra!)}; ${fmtSpread(p)}`,
    });
  };

  for (const kind of ['os', 'user', 'status', 'lastSeen'] as const) {
    cold(`group ${count} devices by ${GROUP_LABEL[kind]}, sorted by name (new list after a reload)`, { groupBy: kind, sortBy: 'name', filter: '' }, '');
  }
  // "lnx" matches the Linux hosts' names (SITE-LNX-…): a realistic narrow filter.
  const filtered: DeviceQuery = { groupBy: 'os', sortBy: 'name', filter: 'lnx' };
  const matched = queryDevices(fresh(), filtered, now).matched.toLocaleString();
  cold(`filter "lnx" over ${count} devices, by OS: first keystroke after a reload`, filtered, `${matched} match; sorts and builds the search cache; `);

  // Typing: the same list, so the sorted order and the lower-cased search text are cached.
  const list = fresh();
  const typed = ['l', 'ln', 'lnx'];
  let k = 0;
  const warm = comparePair({
    runs: runs * 3,
    setup: () => typed[k++ % typed.length],
    measure: f => queryDevices(list, { groupBy: 'os', sortBy: 'name', filter: f }, now),
    baseline: f => plainGroup(list, 'os', f, now),
  });
  rows.push({
    measure: `filter over ${count} devices, by OS: each further keystroke`,
    value: fmtMs(warm.value),
    baseline: `filter+Map ${fmtMs(warm.baseline)}`,
    ratio: fmtRatio(warm.ratio),
    note: `"l", "ln", "lnx" in turn; sorted order and search text cached; ${fmtSpread(warm)}`,
  });
  return rows;
}
