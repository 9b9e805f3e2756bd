// Mocha runner inside the VS Code extension host (the module @vscode/test-electron's extensionTestsPath
// points at). Runs every out/test/extension/suite/**/*.test.js with the bdd interface (describe/it).
// WARP_FLEET_TEST_GREP filters tests by title (mocha --grep).
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

function findTests(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full, suffix));
    else if (entry.isFile() && entry.name.endsWith(suffix)) found.push(full);
  }
  return found.sort();
}

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/**
 * Runs every file ending in `suffix` under `dir` (the pseudo-locale run uses it for its own folder, the
 * benchmark for test/extension/bench/*.bench.js).
 */
export function runTestsIn(dir: string, suffix = '.test.js'): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  // mocha 12 colours its ✔/✖ symbols even with color: false; the output goes to logs, keep it plain
  Object.assign(Mocha.reporters.Base.symbols, { ok: '✔', err: '✖' });
  if (process.env.WARP_FLEET_TEST_GREP) mocha.grep(process.env.WARP_FLEET_TEST_GREP);
  const files = findTests(dir, suffix);
  for (const f of files) mocha.addFile(f);
  return new Promise<void>((resolve, reject) => {
    if (!files.length) {
      reject(new Error(`no *${suffix} files under ${dir}`));
      return;
    }
    try {
      mocha.run(failures => {
        if (failures > 0) reject(new Error(`${failures} test${failures === 1 ? '' : 's'} failed`));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
