import type { WorkerEmitter } from './events';

export interface TaskProtectionOptions {
  /** `ECS_AGENT_URI`: the container agent endpoint ECS injects into every task. */
  readonly agentUri: string;
  /** Protection period asked for on every enable, minutes; ECS allows 1..2880. */
  readonly expiresInMinutes: number;
  /** How often protection is renewed while scans run, ms. @default - a third of the period, so one failed renewal still leaves another before expiry */
  readonly refreshEveryMs?: number;
  /** Timeout of one call to the agent, ms. @default 5000 */
  readonly requestTimeoutMs?: number;
}

/** The agent's answer to a PUT: `protection` on success, `error` (an API error) or `failure` (e.g. TASK_NOT_VALID) otherwise. */
interface AgentAnswer {
  error?: { Code?: string };
  failure?: { Reason?: string };
}

export class TaskProtectionError extends Error {
  override readonly name = 'TaskProtectionError';
}

/**
 * Keeps ECS task scale-in protection on while at least one scan is in flight: enabled when the
 * count goes from 0 to 1, renewed before it expires while scans keep running, disabled when the
 * count is back to 0 and on stop. Calls go one at a time and only the latest wanted state is sent,
 * so a burst of scans costs one call. Failures are reported as events and never thrown: a scan
 * must not fail because the agent did not answer.
 */
export class TaskProtection {
  private readonly url: string;
  private readonly refreshEveryMs: number;
  private readonly requestTimeoutMs: number;
  private wanted = false;
  /** The state last sent (or tried). A new task starts unprotected. */
  private sent = false;
  private refreshDue = false;
  private refreshTimer?: NodeJS.Timeout;
  private syncing?: Promise<void>;

  constructor(
    private readonly options: TaskProtectionOptions,
    private readonly events: WorkerEmitter,
  ) {
    this.url = `${options.agentUri.replace(/\/+$/, '')}/task-protection/v1/state`;
    this.refreshEveryMs = options.refreshEveryMs ?? Math.floor((options.expiresInMinutes * 60_000) / 3);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  }

  /** Called whenever the number of scans in flight changes. */
  setInFlight(count: number): void {
    const wanted = count > 0;
    if (wanted === this.wanted) return;
    this.wanted = wanted;
    if (wanted) {
      this.refreshTimer = setInterval(() => {
        this.refreshDue = true;
        void this.sync();
      }, this.refreshEveryMs);
      this.refreshTimer.unref();
    } else {
      clearInterval(this.refreshTimer);
      this.refreshTimer = undefined;
    }
    void this.sync();
  }

  /** Resolves once the agent has been told the latest wanted state (or the call failed). */
  async whenIdle(): Promise<void> {
    await this.syncing;
  }

  /** Disables protection if it is on and waits for the calls under way. */
  async stop(): Promise<void> {
    this.setInFlight(0);
    await this.sync();
  }

  /** Sends the wanted state until the agent has been told the latest one; never throws. */
  private sync(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        while (this.sent !== this.wanted || (this.refreshDue && this.wanted)) {
          const enabled = this.wanted;
          this.refreshDue = false;
          this.sent = enabled;
          await this.put(enabled);
        }
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private async put(enabled: boolean): Promise<void> {
    const body = enabled ? { ProtectionEnabled: true, ExpiresInMinutes: this.options.expiresInMinutes } : { ProtectionEnabled: false };
    try {
      const response = await fetch(this.url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      const answer = (await response.json().catch(() => ({}))) as AgentAnswer;
      const problem = answer.error?.Code ?? answer.failure?.Reason;
      if (!response.ok || problem !== undefined) {
        throw new TaskProtectionError(`agent answered ${response.status}${problem ? ` (${problem.slice(0, 100)})` : ''}`);
      }
      this.events.emit('task_protection', { enabled, expiresInMinutes: enabled ? this.options.expiresInMinutes : undefined });
    } catch (error) {
      this.events.emit('task_protection_failed', { enabled, error: error as Error });
    }
  }
}
