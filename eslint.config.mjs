import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Destructuring to drop a field is the idiom here; mark such names with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  // The architecture (DESIGN "Architecture"): data flows route → command → store → projection →
  // query → view, and these rules keep the rooms apart so that a violation fails `npm test`.
  {
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './lib', from: ['./db', './server', './app', './components', './scripts', './bench', './tests', './e2e'], message: 'lib/ is pure domain code: it imports no I/O, framework or database code.' },
            { target: './components', from: ['./app', './server', './db'], message: 'components/ never import app/, server/ or db/: read contracts from lib/.' },
            { target: './db', from: ['./app', './components', './server'], message: 'db/ never imports app/, components/ or server/.' },
            { target: './server', from: ['./app', './components'], message: 'server/ never imports app/ or components/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**/*.{ts,tsx}'],
    // Unit tests may read their fixture files; the code under test may not.
    ignores: ['lib/**/*.test.ts'],
    rules: {
      'import/no-nodejs-modules': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['next', 'next/*', 'react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/*', 'better-sqlite3', 'pg', 'drizzle-orm', 'drizzle-orm/*', 'server-only', 'csv-parse', 'csv-parse/*'],
              message: 'lib/ is pure: no framework, no database driver, no streams (the server feeds lib rows and values).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Buffer', message: 'lib/ is pure: use Uint8Array and TextEncoder.' }, { name: 'process', message: 'lib/ is pure: configuration comes in as arguments.' }],
    },
  },
  globalIgnores(['.next/**', '.next-*/**', 'node_modules/**', 'next-env.d.ts', 'data/**', 'test-results/**', 'playwright-report/**', 'bench/results.json']),
]);
