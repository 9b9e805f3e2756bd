import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommandIds, ContextKeys, ViewIds } from '../../src/constants';

const ROOT = path.join(__dirname, '..', '..', '..');
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** package.json as VS Code shows it in English: every %key% resolved through package.nls.json. */
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'), (_k, v: unknown) =>
  typeof v === 'string' && /^%[^%]+%$/.test(v) ? nls[v.slice(1, -1)] ?? v : v);

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string; markdown?: string };
  completionEvents?: string[];
}

/** Whether .vscodeignore keeps `file` in the package: the last pattern that matches it decides (vsce's rule). */
function packaged(file: string): boolean {
  const lines = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));
  const toRegex = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\uE000').replace(/\*/g, '[^/]*').replace(/\uE000/g, '.*')}$`);
  let kept = true;
  for (const line of lines) {
    const negated = line.startsWith('!');
    if (toRegex(negated ? line.slice(1) : line).test(file)) kept = negated;
  }
  return kept;
}

describe('walkthrough "Get started with WARP Fleet"', () => {
  const walkthrough = (pkg.contributes.walkthroughs ?? []).find((w: { id: string }) => w.id === 'warpFleet.getStarted');
  const steps: Step[] = walkthrough?.steps ?? [];

  it('walks through sign in, devices, a list and a route test, in that order', () => {
    assert.equal(walkthrough?.title, 'Get started with WARP Fleet');
    assert.deepEqual(steps.map(s => s.id), ['signIn', 'browseDevices', 'editList', 'testRoute']);
  });

  it('links only to commands the extension contributes (or its views\' focus commands)', () => {
    const known = new Set<string>([...Object.values(CommandIds), ...Object.values(ViewIds).map(v => `${v}.focus`)]);
    for (const s of steps) {
      const links = [...s.description.matchAll(/\(command:([^)?]+)/g)].map(m => m[1]);
      assert.ok(links.length > 0, `${s.id} has a button`);
      for (const l of links) assert.ok(known.has(l), `${s.id} links to ${l}`);
      for (const e of s.completionEvents ?? []) {
        const [kind, arg] = e.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(known.has(arg), `${s.id}: ${e}`);
        else if (kind === 'onView') assert.ok(Object.values(ViewIds).includes(arg as never), `${s.id}: ${e}`);
        else if (kind === 'onContext') assert.ok(Object.values(ContextKeys).some(k => arg.includes(k)), `${s.id}: ${e}`);
        else assert.fail(`${s.id}: unexpected completion event ${e}`);
      }
    }
  });

  it('shows images that exist, with alt text, and that the package ships', () => {
    for (const s of steps) {
      const image = s.media.image;
      assert.ok(image && s.media.altText, `${s.id} has an image with alt text`);
      assert.ok(fs.existsSync(path.join(ROOT, image)), `${image} exists`);
      assert.ok(packaged(image), `${image} is in the .vsix (.vscodeignore)`);
    }
  });

  it('ships every image the README shows, so the README inside the .vsix has none broken', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map(m => m[1]).filter(u => !/^https?:/.test(u));
    assert.ok(images.length > 0);
    for (const image of images) {
      assert.ok(fs.existsSync(path.join(ROOT, image)), `${image} exists`);
      assert.ok(packaged(image), `${image} is in the .vsix (.vscodeignore)`);
    }
  });
});
