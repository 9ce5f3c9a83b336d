import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProtectionRequest {
  method: string;
  path: string;
  body: { ProtectionEnabled?: boolean; ExpiresInMinutes?: number };
}

const TASK_ARN = `arn:aws:ecs:eu-west-1:${'0'.repeat(12)}:task/test-cluster/0123456789abcdef0123456789abcdef`;

/**
 * A stand-in for the ECS container agent's task-protection endpoint on 127.0.0.1: records every
 * request and answers the documented shapes (`protection` on 200, `error` otherwise).
 */
export class FakeEcsAgent {
  readonly requests: ProtectionRequest[] = [];
  /** Status the next answers carry; 200 answers like the agent does on success. */
  status = 200;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeEcsAgent> {
    const server = createServer();
    const agent = new FakeEcsAgent(server);
    server.on('request', (req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const body = raw ? (JSON.parse(raw) as ProtectionRequest['body']) : {};
        agent.requests.push({ method: req.method ?? '', path: req.url ?? '', body });
        const answer =
          agent.status === 200
            ? { protection: { ProtectionEnabled: body.ProtectionEnabled, TaskArn: TASK_ARN, ExpirationDate: new Date(Date.now() + (body.ExpiresInMinutes ?? 0) * 60_000).toISOString() } }
            : { error: { Arn: TASK_ARN, Code: 'ServerException', Message: 'agent failed' } };
        res.writeHead(agent.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return agent;
  }

  /** What ECS_AGENT_URI would hold: the agent base URL, under which /task-protection/v1/state lives. */
  get uri(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/test-task`;
  }

  /** ProtectionEnabled of every PUT so far, in order. */
  get states(): (boolean | undefined)[] {
    return this.requests.map((r) => r.body.ProtectionEnabled);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
