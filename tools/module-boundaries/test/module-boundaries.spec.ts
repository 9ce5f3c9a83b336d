import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The architecture rules of eslint.config.mjs, each tested with an import that breaks it and one that keeps it.
 * Lints source text as if it sat at a path inside a project, so no file in the repo has to be wrong.
 */
const REPO = path.resolve(__dirname, '../../..');

type Case = [name: string, filePath: string, source: string];

// ESLint's flat config is ESM, which jest's VM cannot import: lint every case in one real node process instead.
const LINT_SCRIPT = `
import { ESLint } from 'eslint';
const cases = JSON.parse(await new Response(process.stdin).text());
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const [filePath, source] of cases) {
  const [result] = await eslint.lintText(source, { filePath });
  out.push(result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message));
}
process.stdout.write(JSON.stringify(out));
`;

function boundaryErrors(cases: Case[]): string[][] {
  const input = JSON.stringify(cases.map(([, filePath, source]) => [path.join(REPO, filePath), source]));
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', LINT_SCRIPT], {
    cwd: REPO,
    input,
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

describe('module boundaries (eslint @nx/enforce-module-boundaries)', () => {
  const violations: Case[] = [
    ['the worker imports the api', 'apps/worker/src/probe.ts', "import { buildApp } from '../../api/src/app';\nexport const x = buildApp;\n"],
    ['the api imports infra modules', 'apps/api/src/probe.ts', "import { Network } from '@platform/infra-modules';\nexport const x = Network;\n"],
    ['the api imports cdktf', 'apps/api/src/probe.ts', "import { App } from 'cdktf';\nexport const x = App;\n"],
    ['the worker imports fastify', 'apps/worker/src/probe.ts', "import fastify from 'fastify';\nexport const x = fastify;\n"],
    ['a scheduled job imports fastify', 'apps/purge-expired/src/probe.ts', "import fastify from 'fastify';\nexport const x = fastify;\n"],
    ['a scheduled job imports the worker', 'apps/purge-expired/src/probe.ts', "import { startWorker } from '../../worker/src/worker';\nexport const x = startWorker;\n"],
    ['a scheduled job imports the service catalog', 'apps/purge-expired/src/probe.ts', "import { loadCatalog } from '@platform/service-catalog';\nexport const x = loadCatalog;\n"],
    ['libs/shared imports the scanner', 'libs/shared/src/probe.ts', "import * as scanner from '@platform/scanner';\nexport const x = scanner;\n"],
    ['libs/shared imports infra config', 'libs/shared/src/probe.ts', "import * as config from '@platform/infra-config';\nexport const x = config;\n"],
    ['libs/shared imports cdktf', 'libs/shared/src/probe.ts', "import { App } from 'cdktf';\nexport const x = App;\n"],
    ['an infra module imports the worker', 'infra/modules/src/probe.ts', "import * as w from '../../../apps/worker/src/main';\nexport const x = w;\n"],
    ['a stack imports fastify', 'infra/stacks/service/src/probe.ts', "import fastify from 'fastify';\nexport const x = fastify;\n"],
    ['an app imports the service catalog', 'apps/api/src/probe.ts', "import { loadCatalog } from '@platform/service-catalog';\nexport const x = loadCatalog;\n"],
    ['the service catalog imports infra config', 'libs/service-catalog/src/probe.ts', "import * as config from '@platform/infra-config';\nexport const x = config;\n"],
    ['the service catalog imports cdktf', 'libs/service-catalog/src/probe.ts', "import { App } from 'cdktf';\nexport const x = App;\n"],
  ];
  const allowed: Case[] = [
    ['the api uses libs/shared', 'apps/api/src/probe.ts', "import { ProblemError } from '@platform/shared';\nexport const x = ProblemError;\n"],
    ['the worker uses the scanner', 'apps/worker/src/probe.ts', "import * as scanner from '@platform/scanner';\nexport const x = scanner;\n"],
    ['a stack uses infra modules and shared definitions', 'infra/stacks/data/src/probe.ts', "import { Table } from '@platform/infra-modules';\nimport { SCANS_TABLE } from '@platform/shared';\nexport const x = [Table, SCANS_TABLE];\n"],
    ['a stack reads the service catalog', 'infra/stacks/service/src/probe.ts', "import { loadCatalog } from '@platform/service-catalog';\nexport const x = loadCatalog;\n"],
    ['the service catalog reads shared definitions', 'libs/service-catalog/src/probe.ts', "import { SCAN_QUEUE } from '@platform/shared';\nexport const x = SCAN_QUEUE;\n"],
    ['a tool uses infra config', 'tools/deploy-plan/src/probe.ts', "import { PROJECT_NAME } from '@platform/infra-config';\nexport const x = PROJECT_NAME;\n"],
    ['a scheduled job uses libs/shared', 'apps/purge-expired/src/probe.ts', "import { DocumentRepository } from '@platform/shared';\nexport const x = DocumentRepository;\n"],
    ['the plugin reads the service catalog and infra config', 'tools/plugin/src/probe.ts', "import { parseCatalog } from '@platform/service-catalog';\nimport { ENVIRONMENT_NAMES } from '@platform/infra-config';\nexport const x = [parseCatalog, ENVIRONMENT_NAMES];\n"],
  ];
  let errors: string[][] = [];

  beforeAll(() => {
    errors = boundaryErrors([...violations, ...allowed]);
  }, 120_000);

  it.each(violations.map((c, i) => [c[0], i] as const))('rejects: %s', (_name, i) => {
    expect(errors[i]).not.toEqual([]);
  });

  it.each(allowed.map((c, i) => [c[0], violations.length + i] as const))('allows: %s', (_name, i) => {
    expect(errors[i]).toEqual([]);
  });
});
