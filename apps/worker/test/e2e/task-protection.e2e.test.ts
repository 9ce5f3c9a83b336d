import { TestEnvironment } from '../support/environment';
import { FakeEcsAgent } from '../support/fake-ecs-agent';
import { WorkerProcess } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

// The worker as ECS runs it: its own process, ECS_AGENT_URI in the environment (here a stand-in
// agent on 127.0.0.1). Protection goes on when the scan is taken and off when it is done.
let env: TestEnvironment;
let agent: FakeEcsAgent;
beforeAll(async () => {
  env = await TestEnvironment.start('e2e-task-protection');
  agent = await FakeEcsAgent.start();
});
afterAll(async () => {
  await env?.stop();
  await agent?.close();
});

it('a worker process protects its task for the scan and lets it go afterwards', async () => {
  const worker = await WorkerProcess.start(env.env, { ECS_AGENT_URI: agent.uri, TASK_PROTECTION_MINUTES: '30' });
  env.workers.push(worker);
  expect(agent.requests).toEqual([]);

  const scan = await env.submit('contact: jane.doe@example.com\n');
  await waitFor('the scan to succeed', async () => (await env.statuses([scan]))[0].status === 'succeeded', 30_000, 100);
  await waitFor('protection off', () => agent.states.at(-1) === false, 10_000, 20);
  expect(agent.requests[0]).toEqual({ method: 'PUT', path: '/api/test-task/task-protection/v1/state', body: { ProtectionEnabled: true, ExpiresInMinutes: 30 } });
  expect(agent.states.slice(0, 2)).toEqual([true, false]);

  expect(await worker.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  expect(agent.states.at(-1)).toBe(false);
  expect(worker.logs('worker started')[0]).toMatchObject({ taskProtectionMinutes: 30 });
});
