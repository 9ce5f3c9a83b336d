import nx from '@nx/eslint-plugin';

// Module boundaries are the architecture: apps use libs, never each other; stacks use infra
// modules, infra config and shared *definitions*, never app code; libs/shared imports nothing of ours.
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/cdktf.out', '**/.nx', '**/coverage', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:lib'],
            },
            {
              sourceTag: 'type:lib',
              onlyDependOnLibsWithTags: ['type:lib'],
            },
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['fastify', 'cdktf', '@cdktf/*', 'constructs'],
            },
            {
              sourceTag: 'scope:worker',
              bannedExternalImports: ['fastify', '@fastify/*', 'cdktf', '@cdktf/*'],
            },
            {
              sourceTag: 'scope:api',
              bannedExternalImports: ['cdktf', '@cdktf/*'],
            },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:infra', 'scope:shared'],
              bannedExternalImports: ['fastify', '@fastify/*'],
            },
            {
              sourceTag: 'type:stack',
              onlyDependOnLibsWithTags: ['type:infra', 'scope:shared'],
              bannedExternalImports: ['fastify', '@fastify/*'],
            },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: ['type:lib', 'type:infra', 'type:tool'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests may assert presence with `!` after an expect; a wrong guess fails the test loudly anyway.
    files: ['**/test/**/*.ts', '**/*.spec.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
