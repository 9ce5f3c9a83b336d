import { join } from 'node:path';
import { runCli } from '@platform/cli-support';
import { rehearsalCommand } from '../src/cli';

const REPO_ROOT = join(__dirname, '..', '..', '..');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(rehearsalCommand, argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO_ROOT });
  return { code, stdout, stderr };
}

describe('task-rehearsal command line', () => {
  it('prints its usage with --help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: task-rehearsal /);
  });

  it('names an unknown service with the catalog, exit 2, before building anything', async () => {
    const { code, stderr } = await run('--service', 'nope', '--no-build');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^task-rehearsal: not catalog services: nope \(the catalog: api, .*worker\)\n$/);
  });

  it('names an unknown environment, exit 2', async () => {
    const { code, stderr } = await run('--environment', 'qa');
    expect([code, stderr]).toEqual([2, 'task-rehearsal: not environments: qa (dev, staging, prod)\n']);
  });

  it('refuses an unknown option and a stray argument with the usage line', async () => {
    expect((await run('--fast')).code).toBe(2);
    expect((await run('api')).stderr).toBe('task-rehearsal: unexpected argument api\n');
  });
});
