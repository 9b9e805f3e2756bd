// The pseudo-locale run (runTest.ts --pseudo): a copy of the extension whose bundles are the English
// ones pseudo-localised by @vscode/l10n-dev ("Devices" → "Ḓḗḗṽīƈḗḗş"), generated at test time and never
// committed. VS Code started with --locale=qps-ploc loads l10n/bundle.l10n.qps-ploc.json for
// vscode.l10n.t and package.nls.qps-ploc.json for the manifest, so any English left on screen is a
// string that cannot be translated.
import * as fs from 'fs';
import * as path from 'path';

export const PSEUDO_LOCALE = 'qps-ploc';

/**
 * What the extension needs at run time (see .vscodeignore). dist/ is copied: VS Code gives a module the
 * `vscode` API of the extension whose folder holds it by real path, so a linked dist/ would get an API
 * with no bundle (English). media/ is only read, so a link does.
 */
const LINKED = ['media'];
const COPIED = ['package.json', 'package.nls.json', 'l10n', 'dist'];

export async function pseudoLocalisedCopy(root: string, dest: string): Promise<string> {
  // @vscode/l10n-dev is an ES module
  const { getL10nPseudoLocalized } = await import('@vscode/l10n-dev');
  fs.mkdirSync(dest, { recursive: true });
  for (const f of LINKED) fs.symlinkSync(path.join(root, f), path.join(dest, f), 'dir');
  for (const f of COPIED) fs.cpSync(path.join(root, f), path.join(dest, f), { recursive: true });
  const pseudo = (file: string, out: string) => {
    const english = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
    fs.writeFileSync(path.join(dest, out), JSON.stringify(getL10nPseudoLocalized(english), null, 2));
  };
  pseudo('package.nls.json', `package.nls.${PSEUDO_LOCALE}.json`);
  pseudo(path.join('l10n', 'bundle.l10n.json'), path.join('l10n', `bundle.l10n.${PSEUDO_LOCALE}.json`));
  return dest;
}
