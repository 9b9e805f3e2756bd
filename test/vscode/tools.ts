// Where the VS Code test tools are: Node 24, code-server and Chromium, installed by
// scripts/install-vscode-tools.sh, which writes their paths to $WARP_FLEET_TOOLS/paths.json
// (default ~/.cache/warp-fleet/paths.json).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The clone's root (this file runs from out/test/vscode/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface Tools {
  /** Node 24, which code-server requires. */
  node: string;
  /** code-server's out/node/entry.js */
  codeServerEntry: string;
  chromium: string;
}

export function toolsDir(): string {
  return process.env.WARP_FLEET_TOOLS || path.join(os.homedir(), '.cache', 'warp-fleet');
}

/** Tool paths from paths.json; CODE_SERVER_NODE, CODE_SERVER_ENTRY and CHROMIUM override single entries. */
export function loadTools(): Tools {
  const file = path.join(toolsDir(), 'paths.json');
  let fromFile: Partial<Tools> = {};
  if (fs.existsSync(file)) fromFile = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Tools>;
  const tools: Partial<Tools> = {
    node: process.env.CODE_SERVER_NODE || fromFile.node,
    codeServerEntry: process.env.CODE_SERVER_ENTRY || fromFile.codeServerEntry,
    chromium: process.env.CHROMIUM || fromFile.chromium || '/usr/bin/chromium',
  };
  const missing = (Object.keys(tools) as (keyof Tools)[]).filter(k => !tools[k] || !fs.existsSync(tools[k] as string));
  if (missing.length) {
    throw new Error(
      `VS Code test tools not found (${missing.join(', ')}; looked in ${file}).\n` +
        `Install them with: npm run tools   (bash scripts/install-vscode-tools.sh)`,
    );
  }
  return tools as Tools;
}
