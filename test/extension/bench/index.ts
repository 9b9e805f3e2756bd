// The extension-tests module of the benchmark run (runTest.ts --bench, from npm run bench): only the
// *.bench.js files in this folder. Figures, never asserted.
import { runTestsIn } from '../suite/index';

export function run(): Promise<void> {
  return runTestsIn(__dirname, '.bench.js');
}
