import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The floors of the house (docs/decisions/0010-layers.md): dependencies point inward only.
 * `forbid(floor, message)` refuses imports of those folders, from any depth.
 */
const FOLDERS = ['domain', 'documents', 'db', 'workbook', 'repositories', 'services', 'reports', 'web', 'cli'];
const forbid = (folders, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: folders.flatMap((f) => [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`, `../../../../${f}/*`, `../../../../../${f}/*`]), message }] },
  ],
});
const except = (...allowed) => FOLDERS.filter((f) => !allowed.includes(f));

/**
 * exceljs is used through its public API only — the package itself (`import ExcelJS from 'exceljs'`), never
 * a file inside it (`exceljs/lib/…`), which may move or change in any release, nor its folder found to reach
 * into it (`require.resolve('exceljs')` for createRequire). ADR 0011; test/architecture/publicApis.test.ts.
 */
const EXCELJS_MESSAGE = "Use exceljs through its public API only (import from 'exceljs'): its own files may change in any release (docs/decisions/0011-xlsx-reader.md).";
const EXCELJS_PUBLIC_ONLY = [
  { selector: 'Literal[value=/(^|\\u002F)exceljs\\u002F./]', message: EXCELJS_MESSAGE },
  { selector: "CallExpression[callee.property.name='resolve'][arguments.0.value=/^exceljs/]", message: EXCELJS_MESSAGE },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', '.bench/', 'tmp/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layers. Tests may reach any floor to set up and inspect data.
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'src/domain is pure: it imports nothing outside itself.' }] }] },
  },
  {
    files: ['src/documents/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(FOLDERS.filter((f) => f !== 'documents'), 'src/documents is the neutral document model and its renderers: it knows nothing of performance, committees or storage.'),
  },
  {
    files: ['src/db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(except('domain'), 'src/db (connection, schema, migrations) depends on src/domain only.'),
  },
  {
    files: ['src/workbook/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(except('domain'), 'src/workbook reads and writes the import workbook: it depends on src/domain only.'),
  },
  {
    files: ['src/repositories/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(except('domain', 'db', 'workbook'), 'Repositories own SQL: they depend on src/db and src/domain, never on services, reports, the web or the CLI.'),
  },
  {
    files: ['src/services/**/*.ts', 'src/reports/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(['web', 'cli'], 'Services and report kinds never depend on the web or the CLI.'),
  },
  {
    files: ['src/web/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(['repositories', 'db'], 'The web and the CLI see services only (src/app.ts composes them): never a repository or the database.'),
  },
  {
    files: ['**/*.ts', '**/*.js'],
    rules: { 'no-restricted-syntax': ['error', ...EXCELJS_PUBLIC_ONLY] },
  },
  {
    // Transactions are opened by inTransaction (src/db/transaction.ts), which retries serialization
    // failures and deadlocks (ADR 0013). (This setting of the rule replaces the one above: both lists.)
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/db/transaction.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction'][arguments.length=0]",
          message: 'Open a transaction with inTransaction (src/db/transaction.ts): it retries serialization failures and deadlocks.',
        },
        ...EXCELJS_PUBLIC_ONLY,
      ],
    },
  },
  {
    // Configuration is read once, validated, by src/config.ts and passed down (README, Configuration).
    files: ['src/**'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/config.ts (loadConfig) and pass it down.' }],
    },
  },
);
