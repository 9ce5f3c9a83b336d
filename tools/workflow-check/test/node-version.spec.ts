import * as path from 'node:path';
import { loadWorkflow, REPO_ROOT, steps, workflowFiles } from '../src';

describe('the Node version CI sets up', () => {
  it('every actions/setup-node step reads .nvmrc, the one place the version is written', () => {
    const setups = workflowFiles()
      .map(loadWorkflow)
      .flatMap((w) => [...steps(w)].filter(({ step }) => step.uses?.startsWith('actions/setup-node@')).map(({ job, step }) => ({ where: `${path.relative(REPO_ROOT, w.file)} job ${job}`, with: step.with ?? {} })));
    expect(setups.length).toBeGreaterThanOrEqual(5);
    expect(setups.filter((s) => s.with['node-version-file'] !== '.nvmrc' || 'node-version' in s.with).map((s) => s.where)).toEqual([]);
  });
});
