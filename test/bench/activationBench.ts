/**
 * What an activation costs, part by part, beside VS Code's own figure (vscodeBench.ts): the size of
 * the bundle VS Code loads at activation (and of the parts loaded only when a feature is first used),
 * and, in fresh Node processes with nothing else running (activationProbe.ts), the time to load that
 * bundle and to run activate().
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Row } from './bench';
import type { ActivationProbeResult } from './activationProbe';

const ROOT = path.join(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');
const SAMPLES = 9;
const BUDGET = 200 * 1024;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Bundles beside extension.js that activation does not load (dist/*.js, webviews excluded). */
function lazyBundles(): string[] {
  return fs.readdirSync(DIST).filter(f => f.endsWith('.js') && f !== 'extension.js');
}

export function activationMeasures(): Row[] {
  const main = path.join(DIST, 'extension.js');
  if (!fs.existsSync(main)) return [{ measure: 'bundle size', value: 'n/a', baseline: '', ratio: '', note: 'run npm run build first' }];
  const size = fs.statSync(main).size;
  const lazy = lazyBundles();
  const lazySize = lazy.reduce((n, f) => n + fs.statSync(path.join(DIST, f)).size, 0);
  const rows: Row[] = [
    {
      measure: 'bundle loaded at activation (dist/extension.js, production)',
      value: kb(size),
      baseline: `budget ${kb(BUDGET)}`,
      ratio: `${(size / BUDGET).toFixed(2)}×`,
      note: lazy.length ? `loaded when first used: ${lazy.map(f => `${f} ${kb(fs.statSync(path.join(DIST, f)).size)}`).join(', ')} (all together ${kb(size + lazySize)})` : 'one bundle',
    },
  ];
  const samples: ActivationProbeResult[] = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const out = execFileSync(process.execPath, [path.join(__dirname, 'activationProbe.js'), main], { encoding: 'utf8' });
      samples.push(JSON.parse(out.trim().split('\n').pop() ?? '') as ActivationProbeResult);
    }
  } catch (e) {
    rows.push({ measure: 'load + activate() in Node', value: 'failed', baseline: '', ratio: '', note: e instanceof Error ? e.message.split('\n')[0] : String(e) });
    return rows;
  }
  const req = median(samples.map(s => s.requireMs));
  const act = median(samples.map(s => s.activateMs));
  const loaded = [...new Set(samples.flatMap(s => s.loaded))].sort();
  rows.push({
    measure: 'activation in a fresh Node (no VS Code): load the bundle, then activate()',
    value: `${ms(req + act)} (load ${ms(req)} + activate() ${ms(act)})`,
    baseline: 'VS Code figure below',
    ratio: '',
    note: `median of ${SAMPLES} processes; a stand-in vscode module; bundles loaded by then: ${loaded.join(', ')}`,
  });
  return rows;
}
