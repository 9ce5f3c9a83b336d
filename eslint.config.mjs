import nx from '@nx/eslint-plugin';

// Module boundaries are the architecture (docs/architecture.md): the services use libraries, never each other;
// infra uses infra modules, config and shared *definitions*, never app code; libs/shared imports nothing of ours.
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
            // The two services use the runtime libraries only: never each other, never infra code.
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:scanner'], bannedExternalImports: ['cdktf', '@cdktf/*'] },
            {
              sourceTag: 'scope:worker',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:scanner'],
              bannedExternalImports: ['fastify', '@fastify/*', 'cdktf', '@cdktf/*'],
            },
            // libs/shared is the bottom of the graph: it imports nothing of ours, and no web or infra framework.
            {
              sourceTag: 'scope:shared',
              notDependOnLibsWithTags: ['type:app', 'type:stack', 'type:tool', 'scope:infra', 'scope:scanner'],
              bannedExternalImports: ['fastify', '@fastify/*', 'cdktf', '@cdktf/*', 'constructs'],
            },
            { sourceTag: 'scope:scanner', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: ['fastify', '@fastify/*', 'cdktf', '@cdktf/*'] },
            // Infra (modules, config, stacks, the CDKTF app) reads shared *definitions*, never app code.
            { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:infra', 'scope:shared'], bannedExternalImports: ['fastify', '@fastify/*'] },
            // Tools may read libraries and infra, never import a service.
            { sourceTag: 'type:tool', notDependOnLibsWithTags: ['type:app'] },
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
