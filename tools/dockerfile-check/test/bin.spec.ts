import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const cli = (args: string[]) => spawnSync('npx', ['tsx', 'tools/dockerfile-check/src/bin.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

describe('dockerfile-check as a process', () => {
  it('--json lists the files checked and no problems on this repository, exit 0', () => {
    const r = cli(['--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { checked: string[]; problems: string[] };
    expect(result.checked).toContain('apps/api/Dockerfile');
    expect(result.checked.at(-1)).toBe('.dockerignore');
    expect(result.problems).toEqual([]);
  });

  it('--help prints the usage with the exit codes; an unknown option exits 2 naming it', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: dockerfile-check \[--json\]\n[\s\S]*exit 0 every rule passes, 1 problems/);
    const bad = cli(['--jsn']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("dockerfile-check: Unknown option '--jsn'");
  });
});
