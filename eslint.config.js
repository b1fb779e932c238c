// Lint: typescript-eslint's recommended rules plus the layering rules of STYLE.md — routes never
// touch the database, services never write SQL, a module never reaches past another's face, only
// config.ts reads the environment.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tmp/**', 'e2e/test-results/**', 'server/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['server/src/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', 'pg'],
              message: 'Routes call services; only repositories query the database.',
            },
            {
              group: ['**/db/schema*', '**/*.tables*', '**/*.repository*'],
              message: 'Routes call services; only repositories query the database.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', 'pg'],
              message: 'Services use repositories; SQL lives in *.repository.ts.',
            },
            {
              group: ['**/db/schema*', '**/*.tables*'],
              message: 'Services use repositories; SQL lives in *.repository.ts.',
            },
            { group: ['fastify'], message: 'Services never see request or reply.' },
          ],
        },
      ],
    },
  },
  {
    // A module is used by others only through its face (index.ts): every other file of a module is its inside. Tables
    // are the exception (a foreign key names another module's table), and tests may reach in to set up what they test.
    files: ['server/src/modules/**/*.ts'],
    ignores: ['server/src/**/*.test.ts', 'server/src/modules/*/*.tables.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^\\.\\.\\/[a-z-]+\\/(?!index\\.js$)[^/]+$/]',
          message: "Use the other module's face (../module/index.js), never a file behind it.",
        },
        {
          selector: 'ExportNamedDeclaration[source.value=/^\\.\\.\\/[a-z-]+\\//]',
          message: 'A face re-exports its own module only.',
        },
      ],
    },
  },
  {
    // A face hands out services, types and the operations it names (an object such as `officeRecords`), never its
    // repository as such: what other modules depend on is chosen, not whatever the queries file happens to export.
    files: ['server/src/modules/*/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ExportNamedDeclaration[exportKind='value'][source.value=/\\.repository\\.js$/]",
          message: 'Name what other modules may run in an object of the face; re-export only types of a repository.',
        },
        {
          selector: 'ExportAllDeclaration',
          message: 'A face names what it exports.',
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/config.ts', 'server/src/**/*.test.ts', 'server/src/scripts/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings from the Config object (server/src/config.ts).' },
      ],
    },
  },
);
