// Runs a real VS Code offline: code-server serving the workbench and Debian's Chromium driven by
// playwright-core as the window. Shared by the extension-host test launcher (test/vscode/launcher.js),
// the UI tests (test/ui), the benchmarks and the demo. One file per job:
//   tools.ts    where the tools are (paths.json from scripts/install-vscode-tools.sh)
//   cleanup.ts  kills and temp folders that run also on Ctrl+C or a crash
//   server.ts   code-server: settings, port, private HOME, workbench URL, stop
//   browser.ts  headless Chromium via playwright-core
// This module re-exports them, for callers that want the whole kit.
export * from './browser';
export * from './cleanup';
export * from './server';
export * from './tools';
