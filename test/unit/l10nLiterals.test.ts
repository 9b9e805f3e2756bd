// @vscode/l10n-dev finds user-visible strings by reading `vscode.l10n.t('literal', …)` calls. A string
// reached through an alias (`const t = vscode.l10n.t`) or built at run time (`${x}`, `a + b`, a
// variable) is never extracted, so it can never be translated. This reads every file under src/ with
// the TypeScript parser and lists each such call.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** "file:line: what" for each vscode.l10n.t used other than as a call with a literal first argument. */
function l10nProblems(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n) && n.getText(sf) === 'vscode.l10n.t') {
      const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
      const call = n.parent;
      if (!ts.isCallExpression(call) || call.expression !== n) {
        out.push(`${file}:${line}: an alias or reference, not a call: ${call.getText(sf).slice(0, 60)}`);
      } else {
        const first = call.arguments[0];
        // The object form ({ message, args, comment }) is extracted too, when its message is a literal.
        const message = first && ts.isObjectLiteralExpression(first) ? first.properties.find(p => p.name?.getText(sf) === 'message') : undefined;
        const literal = (e: ts.Node | undefined) => e !== undefined && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e));
        const ok = literal(first) || (message !== undefined && ts.isPropertyAssignment(message) && literal(message.initializer));
        if (!ok) out.push(`${file}:${line}: first argument is not a string literal: ${first ? first.getText(sf).slice(0, 60) : '(none)'}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('l10n: every vscode.l10n.t call can be extracted', () => {
  it('finds aliases and non-literal first arguments (the check itself)', () => {
    const bad = [
      'const t = vscode.l10n.t;',
      'vscode.l10n.t(`Revoked ${name}`);',
      "vscode.l10n.t('Revoked ' + name);",
      'vscode.l10n.t(message);',
      'vscode.l10n.t({ message: text, args: [] });',
    ];
    for (const line of bad) assert.equal(l10nProblems('x.ts', line).length, 1, line);
    const good = ["vscode.l10n.t('Revoked {0}', name);", 'vscode.l10n.t(`Revoked {0}`, name);', "vscode.l10n.t({ message: 'Revoked {0}', args: [name], comment: ['a device'] });"];
    for (const line of good) assert.deepEqual(l10nProblems('x.ts', line), [], line);
  });

  it('src/ has no alias of vscode.l10n.t and no call whose message is not a literal', () => {
    const problems = sourceFiles(SRC).flatMap(f => l10nProblems(path.relative(SRC, f), fs.readFileSync(f, 'utf8')));
    assert.deepEqual(problems, []);
  });
});

/**
 * "file:line: text" for each `new Error(…)`/`RangeError`/`TypeError` built in src/api. api/ has no
 * vscode import and so no l10n: what it refuses must be a typed error (InvalidInputError with a
 * problem code, CloudflareApiError with a kind) that util/describeError.ts puts in the user's language.
 */
function untypedErrors(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isNewExpression(n) && ['Error', 'RangeError', 'TypeError'].includes(n.expression.getText(sf))) {
      // abortableSleep's rejection never reaches a person: the client turns it into a typed cancellation.
      if (n.getText(sf) !== "new Error('aborted')") out.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${n.getText(sf).slice(0, 80)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('l10n: src/api puts no English in front of a user', () => {
  it('finds an untyped error (the check itself)', () => {
    assert.equal(untypedErrors('x.ts', 'throw new RangeError(`Invalid ${what}`);').length, 1);
    assert.deepEqual(untypedErrors('x.ts', "throw new InvalidInputError({ code: 'noIds' }, 'No device ids given.');"), []);
  });

  it('every error src/api builds is typed, for util/describeError.ts to word', () => {
    const api = path.join(SRC, 'api');
    assert.deepEqual(
      sourceFiles(api).flatMap(f => untypedErrors(path.relative(SRC, f), fs.readFileSync(f, 'utf8'))),
      [],
    );
  });
});
