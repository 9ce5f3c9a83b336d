import { Writable } from 'node:stream';
import { loadWorkerConfig } from '@platform/shared';
import { freePort } from '@platform/shared/testing';
import { createLogger } from '../../src/logging';
import { startWorker, type RunningWorker } from '../../src/worker';
import { TestEnvironment } from '../support/environment';
import { FakeEcsAgent } from '../support/fake-ecs-agent';
import { FAST_ENV } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

// A real worker (in-process) on the embedded queue and tables, with ECS_AGENT_URI pointing at a
// stand-in agent on 127.0.0.1: protection goes on for the scan and off after it, and an agent that
// fails or is not there costs a warning, never the scan.
const DOCUMENT = 'contact: jane.doe@example.com\n';
let env: TestEnvironment;
let agent: FakeEcsAgent;
let worker: RunningWorker | undefined;
let output: string[];

beforeAll(async () => {
  env = await TestEnvironment.start('int-task-protection');
  agent = await FakeEcsAgent.start();
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(async () => {
  await agent?.close();
  await env?.stop();
});

async function start(agentUri: string): Promise<RunningWorker> {
  output = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output.push(chunk.toString());
      done();
    },
  });
  const config = loadWorkerConfig({ ...env.env, ...FAST_ENV, HEALTH_PORT: '0', ECS_AGENT_URI: agentUri });
  return startWorker(config, { log: createLogger('debug', sink), writeMetrics: () => undefined });
}

/**
 * On, off, on, off...: one cycle per stretch of work. Usually one, but a long poll the previous
 * test's worker abandoned on stop can hide the scan's message from this one until the sweeper
 * re-sends it, and the duplicate is handled in a stretch of its own.
 */
function expectCycles(states: (boolean | undefined)[]): void {
  expect(states.length).toBeGreaterThanOrEqual(2);
  expect(states.length % 2).toBe(0);
  expect(states).toEqual(states.map((_, i) => i % 2 === 0));
}

const warningsIn = (lines: string[]) =>
  lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'task scale-in protection not updated; scans carry on');

async function scanToSuccess(): Promise<void> {
  const scan = await env.submit(DOCUMENT);
  await waitFor('the scan to succeed', async () => (await env.statuses([scan]))[0].status === 'succeeded', 30_000, 100);
}

it('turns protection on for a scan and off after it, with the configured period', async () => {
  agent.requests.length = 0;
  agent.status = 200;
  worker = await start(agent.uri);
  await scanToSuccess();
  await worker.stop();
  expectCycles(agent.states);
  for (const { body } of agent.requests) expect(body).toEqual(body.ProtectionEnabled ? { ProtectionEnabled: true, ExpiresInMinutes: 15 } : { ProtectionEnabled: false });
  expect(agent.requests.every((r) => r.method === 'PUT' && r.path === '/api/test-task/task-protection/v1/state')).toBe(true);
});

it('scans on when the agent answers 500, with a warning that quotes no document', async () => {
  agent.requests.length = 0;
  agent.status = 500;
  worker = await start(agent.uri);
  await scanToSuccess();
  await worker.stop();
  const warnings = warningsIn(output);
  expectCycles(warnings.map((w) => w.enabled));
  expect(warnings).toHaveLength(agent.requests.length);
  for (const warning of warnings) expect([warning.level, warning.err.message]).toEqual([40, 'agent answered 500 (ServerException)']);
  expect(output.join('')).not.toContain('jane.doe');
});

it('scans on when nothing listens at the agent endpoint', async () => {
  worker = await start(`http://127.0.0.1:${await freePort()}/api/gone`);
  await scanToSuccess();
  await worker.stop();
  const warnings = warningsIn(output);
  expectCycles(warnings.map((w) => w.enabled));
  for (const warning of warnings) expect(warning.err.message).toMatch(/ECONNREFUSED 127\.0\.0\.1/);
});
