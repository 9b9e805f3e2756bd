import { strict as assert } from 'assert';
import { escapeIcons, escapeMarkdown, markdownCodeCell, messageText, neutraliseCsvCell } from '../../src/util/untrustedText';

// A CommonMark + GFM renderer with autolinks on, as strict as VS Code's about what becomes a link.
// markdown-it ships with @vscode/vsce (a devDependency); it has no types of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (opts: object) => { render(s: string): string; renderInline(s: string): string };
const md = new MarkdownIt({ html: true, linkify: true });

/** Names and messages an attacker can give a device, profile, tunnel or error page. */
const HOSTILE = [
  '[click me](command:warpFleet.signOut)',
  '[x](https://evil.example/steal)',
  '![img](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<a href="https://evil.example">a</a>',
  'https://evil.example/login',
  'www.evil.example',
  'admin@evil.example',
  '**bold** _em_ `code` ~~strike~~',
  '# heading',
  '| cell | break |',
  'line one\n| injected | row |\n',
  'a\r\nb\u2028c',
  '&lt;b&gt; &amp;',
  '$(warning) $(sync~spin)',
  '\\[escaped\\](command:x)',
  '[ref]: https://evil.example',
  '- item',
  '+ item',
  '1. item',
  '2) item',
  'ftp://evil.example/f',
  'WWW.EVIL.EXAMPLE/x',
  'AT&T #1 ~x~',
  '---',
  '-5 °C',
];

/** The text a rendered HTML fragment shows, without tags and entities. */
function shownText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

describe('untrusted text', () => {
  describe('escapeMarkdown', () => {
    for (const text of HOSTILE) {
      it(`shows ${JSON.stringify(text)} as text`, () => {
        const html = md.render(escapeMarkdown(text));
        assert.doesNotMatch(html, /<(a|img|strong|em|code|s|h\d|table|br)\b/, html);
        assert.equal(shownText(html), text.replace(/\r\n|[\r\n\u2028]/g, ' ').trim());
      });
    }

    it('keeps a table row one row, with two cells, whatever the cell holds', () => {
      for (const text of HOSTILE) {
        const html = md.render(`| k | v |\n|---|---|\n| ${escapeMarkdown('name')} | ${escapeMarkdown(text)} |\n`);
        assert.equal((html.match(/<tr>/g) ?? []).length, 2, html);
        assert.equal((html.match(/<td>/g) ?? []).length, 2, html);
      }
    });

    it('leaves ids, addresses, versions and dates as they read', () => {
      for (const plain of ['0b6c1f43-8f0e-4c7a-9a57-1f2d3c4b5a69', '10.0.0.1/24', '2001:db8::1', '2025-11-22 14:03 UTC (2 d ago)', 'v2025.9.558', 'Model (2024)']) {
        assert.equal(escapeMarkdown(plain), plain);
      }
    });

    it('leaves `\\$(` for icon syntax, the form VS Code shows literally in theme-icon Markdown', () => {
      assert.equal(escapeMarkdown('$(warning)'), '\\$(warning)');
    });
  });

  describe('markdownCodeCell', () => {
    it('cannot be closed early by backticks, nor broken out of by a newline or a pipe', () => {
      for (const text of ['a`b', '``x``', '`', 'a\n| b | c |\nd', 'x | y', '']) {
        const html = md.render(`| k | v |\n|---|---|\n| k | ${markdownCodeCell(text)} |\n`);
        assert.equal((html.match(/<tr>/g) ?? []).length, 2, html);
        assert.equal((html.match(/<code>/g) ?? []).length, 1, html);
        const code = /<code>([\s\S]*)<\/code>/.exec(html)?.[1] ?? '';
        assert.equal(shownText(code), text.replace(/\n/g, ' ').trim(), html);
      }
    });
  });

  describe('escapeIcons', () => {
    it('turns every $( into the escaped form', () => {
      assert.equal(escapeIcons('$(warning) name $(sync~spin)'), '\\$(warning) name \\$(sync~spin)');
      assert.equal(escapeIcons('costs $5 (approx)'), 'costs $5 (approx)');
    });
  });

  describe('messageText', () => {
    // VS Code's notifications make links of [label](https:|command:|file:…) (base/common/linkedText.ts).
    const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
    it('leaves no link a notification would make', () => {
      for (const text of ['[Retry](command:warpFleet.signOut)', 'see [docs](https://evil.example) now', '[f](file:///etc/passwd)']) {
        const out = messageText(text);
        assert.equal(out.match(LINK), null, out);
        assert.equal(out.replace(/\u200b/g, ''), text);
      }
    });
  });

  describe('neutraliseCsvCell', () => {
    it('prefixes cells a spreadsheet would run as a formula', () => {
      for (const cell of ['=HYPERLINK("https://evil.example")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
        assert.equal(neutraliseCsvCell(cell), `'${cell}`);
      }
    });
    it('leaves other cells alone', () => {
      for (const cell of ['10.0.0.0/8', 'example.com', 'a=b', '', "'quoted"]) assert.equal(neutraliseCsvCell(cell), cell);
    });
  });
});
