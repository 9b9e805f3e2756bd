/**
 * Runs the simulator until SIGINT/SIGTERM:
 *   node out/test/simulator/cli.js --port 8787 --devices 5000 [--seed N --latency 50 --profiles 5
 *     --tunnels 6 --ip-profiles 3 --zones 2 --host 127.0.0.1 --multi-user]
 * Prints the base URL, the account id and the (fake, local-only) API token to use.
 */
import { CloudflareSimulator } from './server';
import type { SimulatorOptions } from './types';

const NUMERIC: Record<string, keyof SimulatorOptions> = {
  '--port': 'port', '--seed': 'seed', '--devices': 'devices', '--profiles': 'profiles', '--tunnels': 'tunnels',
  '--ip-profiles': 'ipProfiles', '--zones': 'zones', '--latency': 'latencyMs',
};

function usage(message: string): never {
  console.error(`simulator: ${message}`);
  console.error('usage: cli.js [--port N] [--host H] [--seed N] [--devices N] [--profiles N] [--tunnels N]');
  console.error('              [--ip-profiles N] [--zones N] [--latency MS] [--multi-user]');
  process.exit(2);
}

export function parseArgs(argv: string[]): SimulatorOptions {
  const opts: Record<string, unknown> = { port: 8787 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--multi-user') { opts.multiUserMode = true; continue; }
    if (flag === '--help' || flag === '-h') usage('help');
    const value = inline ?? argv[++i];
    if (flag === '--host') { opts.host = value; continue; }
    const key = NUMERIC[flag];
    if (!key) usage(`unknown option ${flag}`);
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < 0) usage(`${flag} needs a non-negative number`);
    opts[key] = n;
  }
  return opts as SimulatorOptions;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const sim = await CloudflareSimulator.start(opts);
  const lines = [
    `Cloudflare API simulator (seed ${sim.seed}, ${sim.state.devices.length} devices${sim.state.multiUserMode
      ? `, multi-user: ${sim.multi.registrations.length} registrations` : ''}, ready in ${Date.now() - started} ms)`,
    `  base URL:      ${sim.baseUrl}`,
    `  account id:    ${sim.accountId} (${sim.accounts.map(a => a.name).join(', ')})`,
    `  API token:     ${sim.token}`,
    `  read-only:     ${sim.readOnlyToken}`,
    `  account-owned: ${sim.accountToken}`,
    `  global key:    ${sim.email} / ${sim.globalKey}`,
    `  control:       ${sim.controlUrl}`,
    'Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: closing`);
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch(e => {
    console.error(`simulator: ${(e as Error).message}`);
    process.exit(1);
  });
}
