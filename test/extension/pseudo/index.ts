// The extension-tests module of the pseudo-locale run (runTest.ts --pseudo): only the tests in this folder.
import { runTestsIn } from '../suite/index';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
