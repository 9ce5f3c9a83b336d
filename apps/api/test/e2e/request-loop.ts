import http from 'node:http';

/** What one request of the load saw: a response, or the error that ended it. */
export interface Outcome {
  requestId: string;
  method: 'GET' | 'POST';
  /** On a new connection of its own (else on a kept-alive one). */
  freshConnection: boolean;
  startedAt: number;
  endedAt: number;
  status?: number;
  contentType?: string;
  body?: string;
  error?: string;
}

export interface LoadOptions {
  baseUrl: string;
  authorization: string;
  /** An existing scan id the GETs read. */
  scanId: string;
  connections: number;
  /** Bound on each connection's requests, so a stuck server cannot make the loop endless. */
  maxRequestsPerConnection: number;
  document: string;
}

/**
 * Constant load from `connections` loops, each sending its next request as soon as the last one
 * ends: half on kept-alive connections (like a load balancer), half on a new connection each time.
 * Every request carries its own X-Request-Id so it can be matched with the server's logs.
 */
export class RequestLoop {
  readonly outcomes: Outcome[] = [];
  private stopped = false;
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly options: LoadOptions) {}

  start(): void {
    for (let i = 0; i < this.options.connections; i++) this.loops.push(this.loop(i));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  /** Resolves once every loop has ended (the server refused a connection or the bound was reached). */
  async finished(): Promise<void> {
    await Promise.all(this.loops);
  }

  private async loop(index: number): Promise<void> {
    const freshConnection = index % 2 === 1;
    const agent = freshConnection ? undefined : new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let n = 0; n < this.options.maxRequestsPerConnection && !this.stopped; n++) {
        const outcome = await this.send(`load-${index}-${n}`, n % 2 === 0 ? 'POST' : 'GET', agent);
        this.outcomes.push(outcome);
        if (outcome.error === 'ECONNREFUSED') return;
      }
    } finally {
      agent?.destroy();
    }
  }

  private send(requestId: string, method: 'GET' | 'POST', agent: http.Agent | undefined): Promise<Outcome> {
    const { baseUrl, authorization, scanId, document } = this.options;
    const startedAt = Date.now();
    const base = { requestId, method, freshConnection: agent === undefined, startedAt };
    return new Promise((resolve) => {
      const request = http.request(`${baseUrl}/v1/scans${method === 'GET' ? `/${scanId}` : ''}`, {
        method,
        agent: agent ?? false,
        headers: {
          authorization,
          'x-request-id': requestId,
          ...(agent ? {} : { connection: 'close' }),
          ...(method === 'POST' ? { 'content-type': 'text/plain; charset=utf-8' } : {}),
        },
      });
      request.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ ...base, endedAt: Date.now(), status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), body }),
        );
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ ...base, endedAt: Date.now(), status: response.statusCode, error: error.code ?? error.message }));
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ ...base, endedAt: Date.now(), error: error.code ?? error.message }));
      request.end(method === 'POST' ? document : undefined);
    });
  }
}
