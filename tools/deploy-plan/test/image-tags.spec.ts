import { runNxProbe } from '../src/nx/run-nx-probe';
import { IMAGE_TAG, STACK_TAG } from '../src/plan/conventions';
import { FixtureWorkspace } from './fixture-workspace';

/** Image tags are Nx's task hash of `<app>:build`: content-addressed, not time- or commit-addressed. */
describe('content-addressed image tags', () => {
  let fixture: FixtureWorkspace;
  beforeAll(() => {
    fixture = FixtureWorkspace.create();
  });
  afterAll(() => fixture.remove());

  const hashesAt = async (head: string) => {
    const facts = await runNxProbe(fixture.dir, { base: head, head, imageTag: IMAGE_TAG, stackTag: STACK_TAG });
    return facts.buildHashes;
  };

  it('two runs on the same commit give the same tags', async () => {
    fixture.branchFromBase('same');
    const first = await hashesAt(fixture.baseCommit);
    const second = await hashesAt(fixture.baseCommit);
    expect(Object.keys(first).sort()).toEqual(['api', 'worker']);
    expect(second).toEqual(first);
  });

  it('a change in libs/shared changes both tags', async () => {
    fixture.branchFromBase('base');
    const before = await hashesAt(fixture.baseCommit);
    const head = fixture.change('shared', { 'libs/shared/src/definitions/queues.ts': 'export const DLQ = true;\n' });
    const after = await hashesAt(head);
    expect(after.api).not.toBe(before.api);
    expect(after.worker).not.toBe(before.worker);
  });

  it('a change in the api keeps the worker tag', async () => {
    fixture.branchFromBase('base');
    const before = await hashesAt(fixture.baseCommit);
    const head = fixture.change('api-only', { 'apps/api/src/main.ts': 'export const PORT = 3000;\n' });
    const after = await hashesAt(head);
    expect(after.api).not.toBe(before.api);
    expect(after.worker).toBe(before.worker);
  });

  it('a Dockerfile change changes its image tag', async () => {
    fixture.branchFromBase('base');
    const before = await hashesAt(fixture.baseCommit);
    const head = fixture.change('dockerfile', { 'apps/worker/Dockerfile': 'USER node\n' });
    const after = await hashesAt(head);
    expect(after.worker).not.toBe(before.worker);
    expect(after.api).toBe(before.api);
  });

  it('a docs-only commit keeps both tags', async () => {
    fixture.branchFromBase('base');
    const before = await hashesAt(fixture.baseCommit);
    const head = fixture.change('readme', { 'README.md': 'words\n' });
    expect(await hashesAt(head)).toEqual(before);
  });
});
