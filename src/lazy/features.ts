/**
 * Loads the deferred features (src/features.ts) on first use and hands out commands whose code is
 * there, registered at activation under their ids so the palette, menus and keybindings work at once.
 *
 * Bundled, features.js sits beside extension.js in dist/; the modules both bundles use are taken from
 * this bundle (sharedModules, filled in by esbuild.js) through a key on globalThis that exists only
 * during the synchronous require. Compiled by tsc (tests), the same require finds out/src/features.js.
 */
import * as path from 'path';
import type * as Features from '../features';
import type { Command, CommandContext } from '../commands/registry';
import { sharedModules } from './sharedModules';

type FeaturesModule = typeof Features;

const SHARED_KEY = Symbol.for('warpFleet.sharedModules');
let loaded: FeaturesModule | undefined;

export function features(): FeaturesModule {
  if (loaded) return loaded;
  const g = globalThis as { [SHARED_KEY]?: Record<string, unknown> };
  g[SHARED_KEY] = sharedModules;
  try {
    // A path, not a literal: esbuild must leave this require to run time (the file is the other bundle).
    const file = path.join(__dirname, '..', 'features.js');
    const bundled = path.join(__dirname, 'features.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(Object.keys(sharedModules).length ? bundled : file) as FeaturesModule;
  } finally {
    delete g[SHARED_KEY];
  }
  return loaded;
}

/**
 * Commands registered now whose implementation loads on first run. `ids` must be exactly the ids
 * `load` returns (the extension-host activation test checks every contributed command runs).
 */
export function deferredCommands(ids: readonly string[], load: () => Command[]): Command[] {
  let commands: Command[] | undefined;
  return ids.map(id => ({
    id,
    run: (ctx: CommandContext, ...args: unknown[]) => {
      commands ??= load();
      const cmd = commands.find(c => c.id === id);
      if (!cmd) throw new Error(`Command ${id} is not in the deferred features.`);
      return cmd.run(ctx, ...args);
    },
  }));
}
