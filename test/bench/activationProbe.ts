/**
 * Child process of activationBench.ts: loads a built dist/extension.js into a fresh Node (no VS Code)
 * with a stand-in `vscode` module and prints, as one JSON line, how long `require` took (reading,
 * compiling and running the bundle's top level, Node built-ins it pulls in included) and how long
 * activate() took, and which of our dist/*.js files were loaded by then. Its point is to show where the
 * time of an activation goes, with nothing else running in the process; VS Code's own figure
 * (vscodeBench.ts) is the one that counts.
 */
import Module from 'module';
import * as path from 'path';
import { performance } from 'perf_hooks';

/** A stand-in that accepts any property read, call or `new` (what activate() does is register things). */
function standIn(): unknown {
  const target = function () {
    /* any call */
  };
  const proxy: unknown = new Proxy(target, {
    get: (_t, p) => {
      if (p === 'then') return undefined;
      if (p === Symbol.toPrimitive) return () => 0;
      if (p === Symbol.iterator) return function* () {};
      if (p === 't') return (s: string) => s;
      return standIn();
    },
    set: () => true,
    apply: () => standIn(),
    construct: () => standIn() as object,
  });
  return proxy;
}

/**
 * esbuild's interop copies own properties onto an object made from the module's prototype: a plain
 * object inheriting from the stand-in answers every name through it.
 */
const standInModule = () => Object.create(standIn() as object) as unknown;

interface LoaderModule {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

export interface ActivationProbeResult {
  requireMs: number;
  activateMs: number;
  /** dist/*.js files in the require cache after activate(). */
  loaded: string[];
}

function probe(file: string): ActivationProbeResult {
  const loader = Module as unknown as LoaderModule;
  const vscode = standInModule();
  const original = loader._load.bind(loader);
  loader._load = (request, parent, isMain) => (request === 'vscode' ? vscode : original(request, parent, isMain));
  const t0 = performance.now();
  // A plain synchronous require, as the extension host loads a CommonJS extension: that is what is timed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(file) as { activate(ctx: unknown): unknown };
  const requireMs = performance.now() - t0;
  const memento = { get: () => undefined, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined };
  const ctx = { subscriptions: [] as unknown[], secrets: standIn(), globalState: memento, workspaceState: memento, extensionUri: standIn(), extensionPath: path.dirname(path.dirname(file)), extensionMode: 1 };
  const t1 = performance.now();
  ext.activate(ctx);
  const activateMs = performance.now() - t1;
  const dist = path.dirname(file);
  const loaded = Object.keys(require.cache).filter(f => path.dirname(f) === dist).map(f => path.basename(f));
  return { requireMs, activateMs, loaded };
}

if (require.main === module) {
  const r = probe(path.resolve(process.argv[2]));
  console.log(JSON.stringify(r));
}
