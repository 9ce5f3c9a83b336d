import { freePort } from '@platform/shared/testing';
import { TypedEmitter, type WorkerEvents } from '../../src/events';
import { TaskProtection, type TaskProtectionOptions } from '../../src/task-protection';
import { FakeEcsAgent } from '../support/fake-ecs-agent';
import { waitFor } from '../support/wait';

jest.setTimeout(20_000);

let agent: FakeEcsAgent;
beforeEach(async () => (agent = await FakeEcsAgent.start()));
afterEach(async () => agent.close());

function protection(options: Partial<TaskProtectionOptions> = {}) {
  const events = new TypedEmitter<WorkerEvents>();
  const failures: { enabled: boolean; error: Error }[] = [];
  const confirmed: boolean[] = [];
  events.on('task_protection_failed', (e) => failures.push(e));
  events.on('task_protection', (e) => confirmed.push(e.enabled));
  const subject = new TaskProtection({ agentUri: agent.uri, expiresInMinutes: 15, ...options }, events);
  return { subject, failures, confirmed };
}

describe('TaskProtection', () => {
  it('enables once on 0 -> 1, not again on 1 -> 2, disables on 2 -> 0', async () => {
    const { subject, failures, confirmed } = protection();
    subject.setInFlight(1);
    await subject.whenIdle();
    expect(agent.requests).toEqual([{ method: 'PUT', path: '/api/test-task/task-protection/v1/state', body: { ProtectionEnabled: true, ExpiresInMinutes: 15 } }]);

    subject.setInFlight(2);
    subject.setInFlight(1);
    await subject.whenIdle();
    expect(agent.requests).toHaveLength(1);

    subject.setInFlight(0);
    await subject.whenIdle();
    expect(agent.requests[1].body).toEqual({ ProtectionEnabled: false });
    expect(confirmed).toEqual([true, false]);
    expect(failures).toEqual([]);
    await subject.stop();
    expect(agent.requests).toHaveLength(2);
  });

  it('sends only the latest wanted state when scans come and go during a call', async () => {
    const { subject } = protection();
    subject.setInFlight(1); // call under way
    subject.setInFlight(0);
    subject.setInFlight(1);
    await subject.whenIdle();
    // The first enable was in flight; afterwards protection is still wanted, so nothing more is sent.
    expect(agent.states).toEqual([true]);
    await subject.stop();
    expect(agent.states).toEqual([true, false]);
  });

  it('renews protection before it expires while scans keep running, and stops renewing at 0', async () => {
    const { subject } = protection({ refreshEveryMs: 50 });
    subject.setInFlight(1);
    await waitFor('two renewals', () => agent.requests.length >= 3, 5000, 10);
    expect(agent.requests.every((r) => r.body.ProtectionEnabled === true && r.body.ExpiresInMinutes === 15)).toBe(true);

    subject.setInFlight(0);
    await subject.whenIdle();
    const afterDisable = agent.requests.length;
    expect(agent.states.at(-1)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200)); // four renewal periods
    expect(agent.requests).toHaveLength(afterDisable);
  });

  it('renews by default at a third of the period', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const { subject } = protection({ expiresInMinutes: 3 });
      subject.setInFlight(1);
      await subject.whenIdle();
      jest.advanceTimersByTime(59_000);
      await subject.whenIdle();
      expect(agent.requests).toHaveLength(1);
      jest.advanceTimersByTime(1_000);
      await subject.whenIdle();
      expect(agent.requests).toHaveLength(2);
      subject.setInFlight(0);
      await subject.whenIdle();
    } finally {
      jest.useRealTimers();
    }
  });

  it('reports an agent answering 500 without throwing, and disables again later', async () => {
    agent.status = 500;
    const { subject, failures } = protection();
    subject.setInFlight(1);
    await subject.whenIdle();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ enabled: true, error: { name: 'TaskProtectionError', message: 'agent answered 500 (ServerException)' } });

    agent.status = 200;
    subject.setInFlight(0);
    await subject.stop();
    expect(agent.states).toEqual([true, false]);
    expect(failures).toHaveLength(1);
  });

  it('reports a refused connection without throwing', async () => {
    const closedPort = await freePort();
    const events = new TypedEmitter<WorkerEvents>();
    const failures: { enabled: boolean; error: Error }[] = [];
    events.on('task_protection_failed', (e) => failures.push(e));
    const subject = new TaskProtection({ agentUri: `http://127.0.0.1:${closedPort}/api/x`, expiresInMinutes: 15, requestTimeoutMs: 2000 }, events);
    subject.setInFlight(1);
    await subject.whenIdle();
    subject.setInFlight(0);
    await subject.stop();
    expect(failures.map((f) => f.enabled)).toEqual([true, false]);
    expect((failures[0].error.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('does not call the agent on stop when no scan ever ran', async () => {
    const { subject } = protection();
    await subject.stop();
    expect(agent.requests).toEqual([]);
  });
});
