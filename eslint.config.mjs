import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  // Dependencies point down (shared/style.md 15): commands → views/webviews → model → api; util/ is shared.
  // A later block replaces an earlier one's rule for the files both match, so each repeats what it keeps.
  {
    files: ['src/views/**/*.ts', 'src/webviews/**/*.ts', 'src/auth/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [upward('commands')] }] },
  },
  {
    // model/ runs in plain unit tests: no VS Code, and nothing from the layers above it.
    files: ['src/model/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode('src/model')], patterns: [upward('commands', 'views', 'webviews')] }] },
  },
  {
    // api/ knows nothing of VS Code: it runs in unit tests, benchmarks and the extension alike.
    files: ['src/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode('src/api')], patterns: [upward('commands', 'views', 'webviews', 'model', 'auth')] }] },
  },
  {
    // The webview client runs in the webview, where there is no `vscode` module (it talks through postMessage).
    files: ['src/webviews/**/client/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode('the webview client')], patterns: [upward('commands')] }] },
  },
);

function noVscode(where) {
  return { name: 'vscode', message: `${where} must not depend on vscode.` };
}

function upward(...layers) {
  return { group: layers.flatMap(l => [`../${l}/*`, `../../${l}/*`, `../../../${l}/*`]), message: `Imports point down: not from ${layers.join('/')}/ (shared/style.md 15).` };
}
