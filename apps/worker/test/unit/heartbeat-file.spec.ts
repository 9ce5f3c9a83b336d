import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHeartbeatFile } from '../../src/heartbeat-file';
import { sleep, waitFor } from '../support/wait';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'worker-heartbeat-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('rewrites the file while healthy and leaves it to age while not', async () => {
  const file = path.join(dir, 'heartbeat');
  let healthy = true;
  const errors: Error[] = [];
  const heartbeat = startHeartbeatFile(file, () => ({ healthy }), (error) => errors.push(error), 20);
  try {
    const first = await waitFor('the first heartbeat', () => statSync(file, { throwIfNoEntry: false })?.mtimeMs, 2000, 5);
    await waitFor('a later heartbeat', () => (statSync(file).mtimeMs > first ? true : undefined), 2000, 5);
    healthy = false;
    await sleep(60); // lets a write already under way finish
    const frozen = statSync(file).mtimeMs;
    await sleep(100); // five intervals
    expect(statSync(file).mtimeMs).toBe(frozen);
    expect(errors).toEqual([]);
  } finally {
    heartbeat.stop();
  }
});

it('reports a file it cannot write instead of throwing', async () => {
  const errors: Error[] = [];
  const heartbeat = startHeartbeatFile(path.join(dir, 'missing-dir', 'heartbeat'), () => ({ healthy: true }), (error) => errors.push(error), 1000);
  heartbeat.stop();
  await waitFor('the write error', () => errors.length > 0, 2000, 5);
  expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOENT');
});
