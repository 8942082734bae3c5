// ESLint flat config: Next.js (core web vitals) and typescript-eslint rules, Prettier owns the layout.
// The pure core's boundaries are enforced here as well as in lib/pure-folders.test.ts.
import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'
import prettier from 'eslint-config-prettier/flat'

const PURE = ['lib/bandwidth/**', 'lib/orders/**', 'lib/portout/**', 'lib/simulator/**', 'lib/csv/**', 'lib/alerts/**', 'lib/forwarding/**']

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  globalIgnores([
    '.next/**',
    'lib/generated/**',
    'node_modules/**',
    'test-results/**',
    'artifacts/**',
    'playwright-report/**',
    'next-env.d.ts',
  ]),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(skip|only)$/][callee.object.name=/^(it|test|describe)$/]',
          message: 'no .skip or .only: a skipped test checks nothing',
        },
      ],
    },
  },
  {
    // Playwright fixtures call their argument `use`, which the React hooks rule mistakes for React's use().
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: PURE,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['next', 'next/*'], message: 'the pure core does not import Next.js' },
            {
              group: ['@/lib/db/*', '../db/*', '@prisma/*', '**/generated/*', 'pg', 'better-sqlite3'],
              message: 'the pure core does not touch the database',
            },
            {
              group: ['@/lib/server/*', '../server/*', '@/lib/integrations/*', '../integrations/*', '@/lib/http/*', '../http/*'],
              message: 'the pure core does no I/O',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'the pure core does no I/O: outbound calls live in lib/integrations' },
        { name: 'setTimeout', message: 'the pure core takes a clock, it does not schedule' },
        { name: 'setInterval', message: 'the pure core takes a clock, it does not schedule' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'the pure core reads no environment: lib/config.ts does' },
      ],
    },
  },
])
