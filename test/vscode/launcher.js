#!/usr/bin/env node
// Executable stand-in for VS Code (vscodeExecutablePath for @vscode/test-electron's runTests):
// runs the extension tests in code-server + headless Chromium. Logic: test/vscode/launcherMain.ts
// (compiled by `npm run compile-tests`).
'use strict';
const path = require('path');
const compiled = path.join(__dirname, '..', '..', 'out', 'test', 'vscode', 'launcherMain.js');
let launcher;
try {
  launcher = require(compiled);
} catch (e) {
  process.stderr.write(`[vscode-launcher] cannot load ${compiled}: ${e.message}\nRun \`npm run compile-tests\` first.\n`);
  process.exit(2);
}
launcher.main(process.argv.slice(2)).then(
  code => process.exit(code),
  e => {
    process.stderr.write(`[vscode-launcher] ${e && e.stack ? e.stack : e}\n`);
    process.exit(2);
  },
);
