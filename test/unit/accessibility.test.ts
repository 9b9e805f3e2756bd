// Accessibility that plain mocha can check: the screen-reader label of a tree item (name, then count
// or state, then hint), and the webview's high-contrast stylesheet.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { accessibleLabel } from '../../src/views/accessibleLabel';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('Accessibility: tree item labels', () => {
  it('names the item first, then its description, then a plain tooltip', () => {
    assert.equal(accessibleLabel({ label: 'IP profiles (3)', description: 'could not be listed', tooltip: 'IP profiles give devices an address.' }), 'IP profiles (3), could not be listed, IP profiles give devices an address.');
    assert.equal(accessibleLabel({ label: { label: 'Windows' }, description: '4' }), 'Windows, 4');
  });

  it('never reads a Markdown tooltip (a table of details) nor empty parts', () => {
    const md = { value: '| Field | Value |', isTrusted: false } as unknown as string;
    assert.equal(accessibleLabel({ label: 'AUS-LT-0001', description: '', tooltip: md }), 'AUS-LT-0001');
  });
});

describe('Accessibility: the webview in high-contrast themes', () => {
  const css = fs.readFileSync(path.join(ROOT, 'media', 'highContrast.css'), 'utf8');

  it('is loaded by the list editor after its own stylesheet', () => {
    const html = fs.readFileSync(path.join(ROOT, 'src', 'webviews', 'listEditor', 'html.ts'), 'utf8');
    const a = html.indexOf("'listEditor.css'");
    const b = html.indexOf("'highContrast.css'");
    assert.ok(a > 0 && b > a, 'highContrast.css must be linked after listEditor.css');
  });

  it('covers both high-contrast themes and forced colours with VS Code contrast and focus borders', () => {
    assert.match(css, /body\.vscode-high-contrast\s/);
    assert.match(css, /body\.vscode-high-contrast-light\s/);
    assert.match(css, /@media \(forced-colors: active\)/);
    assert.match(css, /var\(--vscode-contrastBorder\)/);
    assert.match(css, /var\(--vscode-focusBorder\)/);
  });

  it('gives every focusable state of listEditor.css an outline in both high-contrast themes', () => {
    const focusSelectors = ['.btn:focus-visible', '.input:focus', 'tr.row:focus', 'tr.editing'];
    for (const sel of focusSelectors) {
      for (const theme of ['body.vscode-high-contrast ', 'body.vscode-high-contrast-light ']) assert.ok(css.includes(theme + sel), `${theme}${sel}`);
    }
  });
});
