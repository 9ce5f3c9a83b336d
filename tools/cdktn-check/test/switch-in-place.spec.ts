import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { switchToCdktn } from '../src/switch';
import { CDKTN_PACKAGES } from '../src/versions';

describe('switchToCdktn (npm run cdktn:switch)', () => {
  let repo: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  };
  const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');

  beforeEach(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'cdktn-switch-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    write('package.json', JSON.stringify({ scripts: { synth: 'CHECKPOINT_DISABLE=1 cdktf synth' }, dependencies: { '@cdktf/provider-aws': '~21.22.0', cdktf: '0.21.0', constructs: '^10.8.1', pino: '^9' }, devDependencies: { 'cdktf-cli': '0.21.0' } }));
    write('infra/stack.ts', "import { App } from 'cdktf';\nimport { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\nconst out = 'cdktf.out';\n");
    write('eslint.config.mjs', "bannedExternalImports: ['fastify', 'cdktf', '@cdktf/*'],\n");
    write('tools/cdktn-check/test/a.spec.ts', "const text = \"import { App } from 'cdktf';\";\n");
    write('README.md', "import from 'cdktf' in prose\n");
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('swaps imports, dependencies (constructs into cdktn range), the CLI in scripts and the banned-import lists', () => {
    expect(switchToCdktn(repo).sort()).toEqual(['eslint.config.mjs', 'infra/stack.ts', 'package.json']);
    expect(read('infra/stack.ts')).toBe("import { App } from 'cdktn';\nimport { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';\nconst out = 'cdktf.out';\n");
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.dependencies).toEqual({ '@cdktn/provider-aws': CDKTN_PACKAGES['@cdktn/provider-aws'], cdktn: CDKTN_PACKAGES.cdktn, constructs: CDKTN_PACKAGES.constructs, pino: '^9' });
    expect(pkg.devDependencies).toEqual({ 'cdktn-cli': CDKTN_PACKAGES.cdktn });
    expect(pkg.scripts.synth).toBe('CHECKPOINT_DISABLE=1 cdktn synth');
    expect(read('eslint.config.mjs')).toBe("bannedExternalImports: ['fastify', 'cdktn', '@cdktn/*'],\n");
    // the check's own tests and prose stay as they are
    expect(read('tools/cdktn-check/test/a.spec.ts')).toContain("from 'cdktf'");
    expect(read('README.md')).toContain("from 'cdktf'");
    expect(switchToCdktn(repo)).toEqual([]); // a second run changes nothing
  });
});
