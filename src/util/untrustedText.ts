/**
 * Text from the API (device, user, profile and tunnel names, descriptions, error messages, HTML page
 * titles) is written by people outside the admin's control. These are the only escapers for it: each
 * one for the place the text is shown. No `vscode` import: unit-tested.
 */

/** Line breaks of every kind: a name with one could end a table row or a code span early. */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/**
 * Text for a MarkdownString, shown as typed. Escaped with a backslash (CommonMark allows it for any
 * ASCII punctuation): everything that starts markup anywhere on a line (emphasis, code, links and
 * images, HTML, entities, table cells, strikethrough, headings, `$(icon)` syntax), the `:` of `://`,
 * the `.` of `www.` and the `@` of an address (GFM autolinks), and a leading list or heading marker.
 * Line breaks become spaces, so the text stays on its line (a table row, a heading). Dashes, dots
 * and colons elsewhere stay as they are: ids, addresses, versions and dates read (and copy) plainly
 * in the Markdown source too. `$(` becomes `\$(`, the form VS Code shows as the literal `$(name)`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(/[\\`*_[\]<>|~$&#@]/g, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(^|[^A-Za-z0-9])(www)\./gi, '$1$2\\.')
    // A list item or thematic break needs a space (or more of the same) after its marker.
    .replace(/^(\s*)([-+=])(?=\s|$|[-+=])/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * A code span in a Markdown table cell: the fence is longer than any run of backticks inside, so
 * nothing can close it early; line breaks become spaces and `|` is `\|`, the one escape GFM applies
 * inside code spans of a table (elsewhere a backslash in a code span is shown as it is).
 */
export function markdownCodeCell(text: string): string {
  const flat = text.replace(LINE_BREAKS, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick needs a space inside the fence (CommonMark strips one).
  const pad = /^`|`$/.test(flat) || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Text for a place that renders `$(name)` as an icon: quick pick labels, descriptions and details, and
 * status bar items. `\$(name)` is the form VS Code shows as the literal text `$(name)`.
 */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * Text for a notification (showInformationMessage and friends, not modal). A notification shows no
 * icons, but it makes `[label](https:…)`, `(command:…)` and `(file:…)` clickable links. A zero-width
 * space between `]` and `(` keeps such text as it reads while no link is made of it.
 */
export function messageText(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(');
}

/**
 * A CSV cell a spreadsheet will not run as a formula: a cell starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a leading `'` (OWASP "CSV Injection"). Quoting for commas and quotes is the
 * CSV writer's job, after this.
 */
export function neutraliseCsvCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A quoted HCL (Terraform) string holding `text` as typed. Backslash escapes for `\`, `"`, line breaks
 * and tabs; every other character that is not printable (controls, line/paragraph separators, format
 * characters such as bidi overrides, lone surrogates) as `\uNNNN`. A `$` or `%` right before `{` is
 * doubled: `$${` and `%%{` are HCL's escapes for a literal `${` / `%{`, so a name can never open an
 * interpolation or a template directive. The same rules as HashiCorp's own writer (hclwrite,
 * generate.go escapeQuotedStringLit) and the HCL native syntax spec ("Template Expressions").
 */
export function hclString(text: string): string {
  let out = '"';
  const chars = Array.from(text);
  chars.forEach((ch, i) => {
    switch (ch) {
      case '\\': out += '\\\\'; return;
      case '"': out += '\\"'; return;
      case '\n': out += '\\n'; return;
      case '\r': out += '\\r'; return;
      case '\t': out += '\\t'; return;
      case '$':
      case '%':
        out += chars[i + 1] === '{' ? ch + ch : ch;
        return;
    }
    if (/^[\p{C}\p{Zl}\p{Zp}]$/u.test(ch)) {
      const cp = ch.codePointAt(0) ?? 0xfffd;
      // A lone surrogate is not a character HCL can hold: the replacement character stands in for it.
      const shown = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
      out += shown > 0xffff ? `\\U${shown.toString(16).padStart(8, '0')}` : `\\u${shown.toString(16).padStart(4, '0')}`;
      return;
    }
    out += ch;
  });
  return out + '"';
}
