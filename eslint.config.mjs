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
            // Every deployable app (apps/<name>: deploy:image, tagged by its kind) uses libraries only: never another
            // app, never infra code or the service catalog (infra reads an app's manifest, not the other way round).
            {
              sourceTag: 'deploy:image',
              notDependOnLibsWithTags: ['type:app', 'type:stack', 'type:tool', 'scope:infra', 'scope:catalog'],
              bannedExternalImports: ['cdktf', '@cdktf/*', 'constructs'],
            },
            // Apps that serve no HTTP do not pull in a web framework.
            { sourceTag: 'kind:worker', bannedExternalImports: ['fastify', '@fastify/*'] },
            { sourceTag: 'kind:scheduled', bannedExternalImports: ['fastify', '@fastify/*'] },
            // The service catalog reads manifests and shared definitions: no app, infra or framework code.
            {
              sourceTag: 'scope:catalog',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['fastify', '@fastify/*', 'cdktf', '@cdktf/*', 'constructs'],
            },
            // libs/shared is the bottom of the graph: it imports nothing of ours, and no web or infra framework.
            {
              sourceTag: 'scope:shared',
              notDependOnLibsWithTags: ['type:app', 'type:stack', 'type:tool', 'scope:infra', 'scope:scanner', 'scope:catalog'],
              bannedExternalImports: ['fastify', '@fastify/*', 'cdktf', '@cdktf/*', 'constructs'],
            },
            { sourceTag: 'scope:scanner', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: ['fastify', '@fastify/*', 'cdktf', '@cdktf/*'] },
            // Infra (modules, config, stacks, the CDKTF app) reads shared *definitions* and the service catalog, never app code.
            {
              sourceTag: 'scope:infra',
              onlyDependOnLibsWithTags: ['scope:infra', 'scope:shared', 'scope:catalog'],
              bannedExternalImports: ['fastify', '@fastify/*'],
            },
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
