import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The real workspace: root config and the app projects are copied from it, so the fixture keeps up. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

const COPIED_FROM_REPO = [
  'nx.json',
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  '.gitignore',
  'apps/api/project.json',
  'apps/api/service.json',
  'apps/api/tsconfig.app.json',
  'apps/worker/project.json',
  'apps/worker/service.json',
  'apps/worker/tsconfig.app.json',
];

const stack = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name: `stack-${name}`, tags: ['type:stack', 'deploy:stack'], targets: {}, ...extra });

/** Sources of a small workspace shaped like ours: apps with manifests, shared libs, infra modules/config, the shared stacks and the service stacks' project. */
const WRITTEN: Record<string, string> = {
  'README.md': '# fixture\n',
  'docs/deploying.md': '# deploying\n',
  'apps/api/Dockerfile': 'FROM node:20.20.2-bookworm-slim\n',
  'apps/api/src/main.ts': "import { TABLES } from '@platform/shared';\nconsole.log(TABLES);\n",
  'apps/worker/Dockerfile': 'FROM node:20.20.2-bookworm-slim\n',
  'apps/worker/src/main.ts': "import { scan } from '@platform/scanner';\nconsole.log(scan(''));\n",
  'libs/shared/project.json': JSON.stringify({ name: 'shared', tags: ['type:lib', 'scope:shared'], targets: {} }),
  'libs/shared/src/index.ts': "export * from './definitions/tables';\nexport * from './definitions/queues';\n",
  'libs/shared/src/definitions/tables.ts': "export const TABLES = { scans: { partitionKey: 'pk' } };\n",
  'libs/shared/src/definitions/queues.ts': "export const QUEUES = { scans: { maxReceiveCount: 5 } };\n",
  'libs/scanner/project.json': JSON.stringify({ name: 'scanner', tags: ['type:lib', 'scope:scanner'], targets: {} }),
  'libs/scanner/src/index.ts':
    "import { QUEUES } from '@platform/shared';\nexport const scan = (text: string) => [text.length, QUEUES.scans];\n",
  'infra/modules/project.json': JSON.stringify({ name: 'infra-modules', tags: ['type:infra'], targets: {} }),
  'infra/modules/src/index.ts': [
    "export * from './state-bucket';",
    "export * from './network';",
    "export * from './container-repository';",
    "export * from './table';",
    "export { FargateService } from './fargate-service';",
    "export * from './alarms';",
    '',
  ].join('\n'),
  'infra/modules/src/state-bucket.ts': 'export class StateBucket {}\n',
  'infra/modules/src/network.ts': 'export class Network { readonly azCount = 2; }\n',
  'infra/modules/src/container-repository.ts': 'export class ContainerRepository {}\n',
  'infra/modules/src/table.ts': 'export class Table {}\n',
  'infra/modules/src/log-group.ts': 'export class LogGroup { readonly retentionDays = 30; }\n',
  'infra/modules/src/fargate-service.ts':
    "import { LogGroup } from './log-group';\nexport class FargateService { readonly logs = new LogGroup(); }\n",
  'infra/modules/src/alarms.ts':
    "import { LogGroup } from './log-group';\nexport class Alarms { readonly logs = new LogGroup(); }\n",
  'infra/modules/test/table.spec.ts': "import { Table } from '../src/table';\nnew Table();\n",
  'infra/config/project.json': JSON.stringify({ name: 'infra-config', tags: ['type:infra'], targets: {} }),
  'infra/config/src/index.ts':
    "import { dev } from './environments/dev';\nimport { staging } from './environments/staging';\nimport { prod } from './environments/prod';\nexport const ENVIRONMENTS = { dev, staging, prod };\n",
  'infra/config/src/environments/common.ts': "export const common = { region: 'eu-west-1' };\n",
  'infra/config/src/environments/dev.ts': "import { common } from './common';\nexport const dev = { ...common, name: 'dev', natGateways: 1 };\n",
  'infra/config/src/environments/staging.ts': "import { common } from './common';\nexport const staging = { ...common, name: 'staging', natGateways: 1 };\n",
  'infra/config/src/environments/prod.ts': "import { common } from './common';\nexport const prod = { ...common, name: 'prod', natGateways: 2 };\n",
  'infra/stacks/state/project.json': stack('state'),
  'infra/stacks/state/src/state-stack.ts':
    "import { StateBucket } from '@platform/infra-modules';\nimport { ENVIRONMENTS } from '@platform/infra-config';\nexport const state = [new StateBucket(), ENVIRONMENTS];\n",
  'infra/stacks/network/project.json': stack('network'),
  'infra/stacks/network/src/network-stack.ts':
    "import { Network } from '@platform/infra-modules';\nimport { ENVIRONMENTS } from '@platform/infra-config';\nexport const network = [new Network(), ENVIRONMENTS];\n",
  'infra/stacks/registry/project.json': stack('registry'),
  'infra/stacks/registry/src/registry-stack.ts':
    "import { ContainerRepository } from '@platform/infra-modules';\nimport { ENVIRONMENTS } from '@platform/infra-config';\nexport const registry = [new ContainerRepository(), ENVIRONMENTS];\n",
  'infra/stacks/data/project.json': stack('data'),
  'infra/stacks/data/src/data-stack.ts':
    "import { Table } from '@platform/infra-modules';\nimport { ENVIRONMENTS } from '@platform/infra-config';\nimport { TABLES } from '@platform/shared';\nexport const data = [new Table(), ENVIRONMENTS, TABLES];\n",
  'infra/stacks/edge/project.json': stack('edge', { implicitDependencies: ['stack-network'] }),
  'infra/stacks/edge/src/edge-stack.ts':
    "import { ContainerRepository } from '@platform/infra-modules';\nimport { ENVIRONMENTS } from '@platform/infra-config';\nexport const edge = [ContainerRepository, ENVIRONMENTS];\n",
  'infra/stacks/service/project.json': JSON.stringify({
    name: 'stack-service',
    tags: ['type:stack', 'deploy:service-stacks'],
    implicitDependencies: ['stack-network', 'stack-registry', 'stack-data', 'stack-edge'],
    targets: {},
  }),
  'infra/stacks/service/src/service-stack.ts':
    "import { FargateService } from '@platform/infra-modules';\nimport { ENVIRONMENTS } from '@platform/infra-config';\nimport { QUEUES } from '@platform/shared';\nexport const service = [new FargateService(), ENVIRONMENTS, QUEUES];\n",
  'infra/stacks/monitoring/project.json': stack('monitoring', { implicitDependencies: ['stack-edge', 'stack-data'] }),
  'infra/stacks/monitoring/src/monitoring-stack.ts':
    "import { Alarms } from '@platform/infra-modules';\nimport { ENVIRONMENTS } from '@platform/infra-config';\nexport const monitoring = [new Alarms(), ENVIRONMENTS];\n",
};

/** A real git repository holding the fixture workspace, using this repository's node_modules. */
export class FixtureWorkspace {
  readonly dir: string;
  readonly baseCommit: string;

  private constructor(
    dir: string,
    baseCommit: string,
    private readonly removeDir: string,
  ) {
    this.dir = dir;
    this.baseCommit = baseCommit;
  }

  /** A small workspace shaped like ours, written from scratch (see WRITTEN). */
  static create(): FixtureWorkspace {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-plan-'));
    for (const file of COPIED_FROM_REPO) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(REPO_ROOT, file), join(dir, file));
    }
    for (const [file, text] of Object.entries(WRITTEN)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    return FixtureWorkspace.prepare(dir, true, dir);
  }

  /**
   * A local clone of this repository's last commit: the real projects, stacks and imports, so the
   * scenarios hold for the workspace we deploy, not only for a model of it.
   */
  static cloneOfRepository(): FixtureWorkspace {
    const parent = mkdtempSync(join(tmpdir(), 'deploy-plan-clone-'));
    const dir = join(parent, 'repo');
    execFileSync('git', ['clone', '-q', '--local', '--no-hardlinks', REPO_ROOT, dir], { stdio: 'ignore' });
    return FixtureWorkspace.prepare(dir, false, parent);
  }

  private static prepare(dir: string, commitEverything: boolean, removeDir: string): FixtureWorkspace {
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    run('config', 'user.email', 'fixture@example.com');
    run('config', 'user.name', 'fixture');
    run('config', 'commit.gpgsign', 'false');
    // A symlinked node_modules is a file to git, which `node_modules/` in .gitignore does not match.
    appendFileSync(join(dir, '.git', 'info', 'exclude'), '\nnode_modules\n');
    if (commitEverything) {
      run('add', '-A');
      run('commit', '-q', '-m', 'base workspace');
    }
    return new FixtureWorkspace(dir, run('rev-parse', 'HEAD'), removeDir);
  }

  write(file: string, text: string): void {
    mkdirSync(dirname(join(this.dir, file)), { recursive: true });
    writeFileSync(join(this.dir, file), text);
  }

  /** Appends to a file, creating it when it does not exist yet. */
  append(file: string, text: string): void {
    const path = join(this.dir, file);
    this.write(file, (existsSync(path) ? readFileSync(path, 'utf8') : '') + text);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  commitAll(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Starts a branch at the base commit, so each scenario diffs against the same base. */
  branchFromBase(name: string): void {
    this.git('checkout', '-q', '-B', name, this.baseCommit);
  }

  /** Applies edits on a fresh branch from base and commits them; returns the new head. */
  change(name: string, edits: Record<string, string>): string {
    this.branchFromBase(name);
    for (const [file, text] of Object.entries(edits)) this.append(file, text);
    return this.commitAll(name);
  }

  remove(): void {
    rmSync(this.removeDir, { recursive: true, force: true });
  }
}
