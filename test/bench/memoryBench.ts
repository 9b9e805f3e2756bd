/**
 * Memory held by the devices, after a forced GC, against the size of their JSON: 10,000 and 100,000
 * devices, legacy list and multi-user (physical devices + registrations). The simulator runs here;
 * the listing and the heap measure run in a child process (memoryProbe.ts, see there why).
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { CloudflareSimulator } from '../simulator/server';
import type { Row } from './bench';
import type { MemoryProbeResult } from './memoryProbe';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

function runProbe(sim: CloudflareSimulator, api: MemoryProbeResult['api']): Promise<MemoryProbeResult> {
  const script = path.join(__dirname, 'memoryProbe.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', script, sim.baseUrl, sim.token, sim.accountId, api], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`memory probe failed: ${stderr || err.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as MemoryProbeResult);
    });
  });
}

function rows(r: MemoryProbeResult): Row[] {
  const what = r.api === 'legacy' ? `${r.devices.toLocaleString()} devices (legacy list)` : `${r.devices.toLocaleString()} physical devices with their registrations (multi-user)`;
  return [
    {
      measure: `memory held by ${what}: the model the Devices view keeps`,
      value: mb(r.modelBytes),
      baseline: `JSON ${mb(r.jsonBytes)}`,
      ratio: ratio(r.modelBytes, r.jsonBytes),
      note: `heap after a forced GC, measured in a child process; the parsed API answers alone: ${mb(r.rawBytes)} (${ratio(r.rawBytes, r.jsonBytes)})`,
    },
  ];
}

export async function memoryMeasures(sizes: number[]): Promise<Row[]> {
  const out: Row[] = [];
  for (const multiUser of [false, true]) {
    for (const devices of sizes) {
      const sim = await CloudflareSimulator.start({ devices, seed: 1, multiUser });
      try {
        out.push(...rows(await runProbe(sim, multiUser ? 'registrations' : 'legacy')));
      } catch (e) {
        out.push({ measure: `memory held by ${devices.toLocaleString()} devices (${multiUser ? 'multi-user' : 'legacy'})`, value: 'failed', baseline: '', ratio: '', note: e instanceof Error ? e.message.split('\n')[0] : String(e) });
        process.exitCode = 1;
      } finally {
        await sim.close();
      }
    }
  }
  return out;
}

if (require.main === module) {
  const sizes = (process.env.BENCH_MEMORY_SIZES ?? '10000,100000').split(',').map(Number);
  void memoryMeasures(sizes).then(rs => rs.forEach(r => console.log(`${r.measure}: ${r.value} vs ${r.baseline} (${r.ratio}) — ${r.note}`)));
}
