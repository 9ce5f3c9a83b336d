import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { FindingRepository, ScanRepository, type Finding } from '@platform/shared';
import { expectProblem, startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx?.close());

async function submit(body: unknown, headers: Record<string, string> = {}, auth = ctx.tenantA) {
  return ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: auth, ...headers }, payload: body as object });
}

describe('health', () => {
  it('answers liveness and readiness', async () => {
    expect((await ctx.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { dynamodb: 'ok', sqs: 'ok' } });
  });
});

describe('auth', () => {
  it.each([
    ['no header', {}],
    ['not bearer', { authorization: 'Basic abc' }],
    ['unknown key', { authorization: 'Bearer dsk_unknownunknownunknownunknownunknownunknown' }],
    ['garbage', { authorization: 'Bearer \u0001' }],
  ])('rejects %s with 401 problem+json', async (_name, headers) => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/scans', headers });
    expectProblem(response, 401, 'unauthorized');
  });
});

describe('POST /v1/scans', () => {
  it('accepts JSON, stores the scan as queued and queues a message', async () => {
    const response = await submit({ content: 'contact: jane@example.com', framework: 'ccpa', detectors: ['email'] });
    expect(response.statusCode).toBe(202);
    const body = response.json();
    expect(body.status).toBe('queued');
    expect(response.headers.location).toBe(`/v1/scans/${body.id}`);
    const scan = (await ctx.app.inject({ url: body.links.self, headers: { authorization: ctx.tenantA } })).json();
    expect(scan).toMatchObject({ id: body.id, status: 'queued', framework: 'ccpa', detectors: ['email'], sizeBytes: 25, attempts: 0 });

    const messages = await ctx.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: ctx.config.aws.scanQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const bodies = (messages.Messages ?? []).map((m) => JSON.parse(m.Body!));
    expect(bodies).toContainEqual({ tenantId: 'tenant-a', scanId: body.id });
    expect(JSON.stringify(bodies)).not.toContain('jane@example.com');
  });

  it('accepts text/plain with options in the query', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/v1/scans?framework=ccpa&detectors=email,jwt',
      headers: { authorization: ctx.tenantA, 'content-type': 'text/plain; charset=utf-8' },
      payload: 'line one\nline two ✓',
    });
    expect(response.statusCode).toBe(202);
    const scan = (await ctx.app.inject({ url: `/v1/scans/${response.json().id}`, headers: { authorization: ctx.tenantA } })).json();
    expect(scan).toMatchObject({ framework: 'ccpa', detectors: ['email', 'jwt'], sizeBytes: Buffer.byteLength('line one\nline two ✓') });
  });

  it.each([
    ['an unknown field', { content: 'x', extra: 1 }, /unknown property 'extra'/],
    ['a wrong type', { content: 42 }, /body\/content must be string/],
    ['empty content', { content: '' }, /content/],
    ['whitespace-only content', { content: '   \n ' }, /empty/],
    ['a missing content', { framework: 'gdpr' }, /missing required property 'content'/],
    ['a bad framework', { content: 'x', framework: 'hipaa' }, /framework must be one of: gdpr, ccpa/],
    ['a bad detector', { content: 'x', detectors: ['nope'] }, /detectors\/0 must be one of/],
    ['duplicate detectors', { content: 'x', detectors: ['email', 'email'] }, /duplicate/],
    ['a non-object body', ['content'], /must be object/],
  ])('rejects %s with a 400 that says what is wrong', async (_name, body, detail) => {
    const problem = expectProblem(await submit(body), 400, 'validation');
    expect(problem.detail).toMatch(detail);
  });

  it('rejects query options next to a JSON body', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/scans?framework=ccpa', headers: { authorization: ctx.tenantA }, payload: { content: 'x' } });
    expectProblem(response, 400, 'validation');
  });

  it('rejects an unknown detector in the query of a text/plain body', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/v1/scans?detectors=email,bogus',
      headers: { authorization: ctx.tenantA, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(expectProblem(response, 400).detail).toContain('bogus');
  });

  it('rejects malformed JSON, a wrong content type and invalid UTF-8', async () => {
    const malformed = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA, 'content-type': 'application/json' }, payload: '{"content": ' });
    expectProblem(malformed, 400);
    const xml = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA, 'content-type': 'application/xml' }, payload: '<a/>' });
    expectProblem(xml, 415, 'unsupported-media-type');
    for (const type of ['text/plain', 'application/json']) {
      const bad = Buffer.concat([Buffer.from(type === 'text/plain' ? 'ok ' : '{"content":"ok '), Buffer.from([0xc3, 0x28]), Buffer.from(type === 'text/plain' ? '' : '"}')]);
      const response = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA, 'content-type': type }, payload: bad });
      expectProblem(response, 400, 'invalid-utf8');
    }
  });

  it('rejects a POST with no body and no content type with 400 (found by the fuzz test; was a 500)', async () => {
    const empty = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA } });
    expect(expectProblem(empty, 400, 'validation').detail).toContain('A body is required');
  });

  it('rejects documents over the size limit with 413', async () => {
    const big = 'a'.repeat(64 * 1024 + 1);
    expectProblem(await submit({ content: big }), 413, 'payload-too-large');
    const text = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA, 'content-type': 'text/plain' }, payload: big });
    expectProblem(text, 413, 'payload-too-large');
    // multi-byte characters count in bytes, not characters
    expectProblem(await submit({ content: '€'.repeat(22 * 1024) }), 413);
  });

  it('honours Idempotency-Key: same body -> same scan, different body -> 422', async () => {
    const key = `key-${Date.now()}`;
    const first = await submit({ content: 'same body' }, { 'idempotency-key': key });
    const second = await submit({ content: 'same body' }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.json().id).toBe(first.json().id);
    expectProblem(await submit({ content: 'other body' }, { 'idempotency-key': key }), 422, 'idempotency-key-reused');
    // keys are per tenant: tenant B may use the same key for its own scan
    const other = await submit({ content: 'same body' }, { 'idempotency-key': key }, ctx.tenantB);
    expect(other.json().id).not.toBe(first.json().id);
    expectProblem(await submit({ content: 'x' }, { 'idempotency-key': '' }), 400);
  });
});

describe('tenant isolation and ids', () => {
  it('answers 404, not 403, for another tenant\'s scan, and 400 for a malformed id', async () => {
    const { id } = (await submit({ content: 'tenant a secret doc' })).json();
    for (const suffix of ['', '/findings', '/report', '/events']) {
      expectProblem(await ctx.app.inject({ url: `/v1/scans/${id}${suffix}`, headers: { authorization: ctx.tenantB } }), 404, 'not-found');
    }
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/scans/${id}/cancel`, headers: { authorization: ctx.tenantB } }), 404);
    const list = (await ctx.app.inject({ url: '/v1/scans?limit=100', headers: { authorization: ctx.tenantB } })).json();
    expect(list.items.map((s: { id: string }) => s.id)).not.toContain(id);
    for (const bad of ['not-an-id', '..%2F..%2Fetc', '01J%00', 'x'.repeat(300)]) {
      expectProblem(await ctx.app.inject({ url: `/v1/scans/${bad}`, headers: { authorization: ctx.tenantA } }), 400);
    }
    expectProblem(await ctx.app.inject({ url: '/v1/scans/%E0%A4%A', headers: { authorization: ctx.tenantA } }), 400);
    expectProblem(await ctx.app.inject({ url: '/v2/nothing' }), 404, 'not-found');
  });
});

describe('listing', () => {
  it('pages newest first, rejects forged and foreign cursors, filters by status', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submit({ content: `list doc ${i}` }, {}, ctx.tenantB)).json().id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await ctx.app.inject({ url: `/v1/scans?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers: { authorization: ctx.tenantB } });
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((s: { id: string }) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    const mine = seen.filter((id) => ids.includes(id));
    expect(mine).toEqual([...ids].reverse());

    const firstPage = (await ctx.app.inject({ url: '/v1/scans?limit=1', headers: { authorization: ctx.tenantB } })).json();
    expectProblem(await ctx.app.inject({ url: `/v1/scans?cursor=${encodeURIComponent(firstPage.nextCursor)}`, headers: { authorization: ctx.tenantA } }), 400, 'invalid-cursor');
    expectProblem(await ctx.app.inject({ url: '/v1/scans?cursor=garbled.cursor', headers: { authorization: ctx.tenantB } }), 400, 'invalid-cursor');
    expectProblem(await ctx.app.inject({ url: '/v1/scans?status=done', headers: { authorization: ctx.tenantB } }), 400);
    expectProblem(await ctx.app.inject({ url: '/v1/scans?limit=0', headers: { authorization: ctx.tenantB } }), 400);
    expectProblem(await ctx.app.inject({ url: '/v1/scans?limit=abc', headers: { authorization: ctx.tenantB } }), 400);
    expectProblem(await ctx.app.inject({ url: '/v1/scans?unknown=1', headers: { authorization: ctx.tenantB } }), 400);

    const scans = new ScanRepository(ctx.clients.dynamo, ctx.config.aws.tablePrefix);
    await scans.cancel('tenant-b', ids[2], new Date().toISOString());
    const cancelled = (await ctx.app.inject({ url: '/v1/scans?status=cancelled&limit=100', headers: { authorization: ctx.tenantB } })).json();
    expect(cancelled.items.map((s: { id: string }) => s.id)).toEqual([ids[2]]);
  });
});

describe('findings, report and cancel', () => {
  async function succeededScan(findingCount: number) {
    const { id } = (await submit({ content: 'doc with findings' })).json();
    const scans = new ScanRepository(ctx.clients.dynamo, ctx.config.aws.tablePrefix);
    const now = new Date().toISOString();
    await scans.claim('tenant-a', id, now);
    const findings: Finding[] = Array.from({ length: findingCount }, (_, i) => ({
      findingId: `${String(i).padStart(8, '0')}-f`,
      detectorId: 'email',
      category: 'personal-data',
      severity: i % 2 ? 'medium' : 'high',
      confidence: 0.9,
      location: { line: i + 1, column: 1, startByte: i * 10, endByte: i * 10 + 8 },
      redacted: 'j***@example.com',
      mappings: [{ framework: 'gdpr', reference: 'Art. 4(1)', title: 'Personal data' }],
    }));
    await new FindingRepository(ctx.clients.dynamo, ctx.config.aws.tablePrefix).putAll(id, findings);
    await scans.succeed('tenant-a', id, 1, { total: findingCount, bySeverity: { low: 0, medium: 1, high: 2, critical: 0 }, byCategory: { secret: 0, 'personal-data': findingCount } }, now);
    return id as string;
  }

  it('paginates findings in document order', async () => {
    const id = await succeededScan(3);
    const first = (await ctx.app.inject({ url: `/v1/scans/${id}/findings?limit=2`, headers: { authorization: ctx.tenantA } })).json();
    expect(first.items.map((f: Finding) => f.location.line)).toEqual([1, 2]);
    const second = (await ctx.app.inject({ url: `/v1/scans/${id}/findings?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, headers: { authorization: ctx.tenantA } })).json();
    expect(second.items.map((f: Finding) => f.location.line)).toEqual([3]);
    expect(second.nextCursor).toBeUndefined();
  });

  it('serves JSON and SARIF 2.1.0 reports once succeeded, 409 before', async () => {
    const { id: queuedId } = (await submit({ content: 'not yet' })).json();
    expectProblem(await ctx.app.inject({ url: `/v1/scans/${queuedId}/report`, headers: { authorization: ctx.tenantA } }), 409, 'invalid-state');
    const id = await succeededScan(2);
    const json = await ctx.app.inject({ url: `/v1/scans/${id}/report`, headers: { authorization: ctx.tenantA } });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toContain(`scan-${id}.json`);
    expect(json.json().findings).toHaveLength(2);
    expect(json.json().scan.summary.total).toBe(2);
    const sarif = await ctx.app.inject({ url: `/v1/scans/${id}/report?format=sarif`, headers: { authorization: ctx.tenantA } });
    expect(sarif.headers['content-type']).toContain('application/sarif+json');
    const log = sarif.json();
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results).toHaveLength(2);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'email', level: 'error', locations: [{ physicalLocation: { region: { startLine: 1, byteOffset: 0, byteLength: 8 } } }] });
    expectProblem(await ctx.app.inject({ url: `/v1/scans/${id}/report?format=pdf`, headers: { authorization: ctx.tenantA } }), 400);
  });

  it('names the SARIF artifact with the path the client chose, and refuses a path that is not a safe relative one with 400', async () => {
    const id = await succeededScan(1);
    const url = (query: string) => `/v1/scans/${id}/report?format=sarif&${query}`;
    const named = await ctx.app.inject({ url: url('path=deploy/config.yml'), headers: { authorization: ctx.tenantA } });
    expect(named.statusCode).toBe(200);
    expect(named.json().runs[0].artifacts[0].location.uri).toBe('deploy/config.yml');
    expect(named.json().runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/config.yml');
    for (const bad of ['../etc/passwd', 'a/../../b', '/etc/passwd', 'C:/x', 'https://evil.example/x', 'a//b', 'a/', 'a\\b', 'x'.repeat(1025)]) {
      const response = await ctx.app.inject({ url: url(`path=${encodeURIComponent(bad)}`), headers: { authorization: ctx.tenantA } });
      expect({ bad, status: response.statusCode }).toEqual({ bad, status: 400 });
      expectProblem(response, 400, 'validation');
    }
  });

  it('never serves the findings of a cancelled scan: /findings and /report answer 409', async () => {
    const { id } = (await submit({ content: 'cancel me while running' })).json();
    const scans = new ScanRepository(ctx.clients.dynamo, ctx.config.aws.tablePrefix);
    const claimed = await scans.claim('tenant-a', id, new Date().toISOString());
    expect(claimed?.status).toBe('running');
    // A worker wrote some findings before the cancel reached it.
    const partial: Finding = {
      findingId: '00000000-partial',
      detectorId: 'email',
      category: 'personal-data',
      severity: 'medium',
      confidence: 0.9,
      location: { line: 1, column: 1, startByte: 0, endByte: 8 },
      redacted: 'j***@example.com',
      mappings: [],
    };
    await new FindingRepository(ctx.clients.dynamo, ctx.config.aws.tablePrefix).putAll(id, [partial]);
    const running = await ctx.app.inject({ url: `/v1/scans/${id}/findings`, headers: { authorization: ctx.tenantA } });
    expect(running.json().items).toHaveLength(1);

    expect((await ctx.app.inject({ method: 'POST', url: `/v1/scans/${id}/cancel`, headers: { authorization: ctx.tenantA } })).statusCode).toBe(200);
    const findings = await ctx.app.inject({ url: `/v1/scans/${id}/findings`, headers: { authorization: ctx.tenantA } });
    expect(expectProblem(findings, 409, 'invalid-state').detail).toContain('cancelled');
    expect(findings.body).not.toContain('j***@example.com');
    for (const format of ['json', 'sarif']) {
      expectProblem(await ctx.app.inject({ url: `/v1/scans/${id}/report?format=${format}`, headers: { authorization: ctx.tenantA } }), 409, 'invalid-state');
    }
  });

  it('cancels queued scans once; a second cancel or a finished scan is 409', async () => {
    const { id } = (await submit({ content: 'cancel me' })).json();
    const cancelled = await ctx.app.inject({ method: 'POST', url: `/v1/scans/${id}/cancel`, headers: { authorization: ctx.tenantA } });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', reason: 'cancelled by client' });
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/scans/${id}/cancel`, headers: { authorization: ctx.tenantA } }), 409, 'invalid-state');
    const done = await succeededScan(0);
    expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/scans/${done}/cancel`, headers: { authorization: ctx.tenantA } }), 409);
  });
});

describe('GET /v1/scans/:id/events', () => {
  it('streams status changes until a terminal state, then closes', async () => {
    const { id } = (await submit({ content: 'stream me' })).json();
    const scans = new ScanRepository(ctx.clients.dynamo, ctx.config.aws.tablePrefix);
    setTimeout(async () => {
      await scans.claim('tenant-a', id, new Date().toISOString());
      setTimeout(() => void scans.cancel('tenant-a', id, new Date().toISOString()), 200);
    }, 200);
    const response = await ctx.app.inject({ url: `/v1/scans/${id}/events`, headers: { authorization: ctx.tenantA } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const statuses = [...response.body.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]).status);
    expect(statuses).toEqual(['queued', 'running', 'cancelled']);
    expect(response.body).toMatch(/^retry: \d+/);
  });

  it('sends one event and closes for a scan that already ended', async () => {
    const { id } = (await submit({ content: 'ended' })).json();
    await ctx.app.inject({ method: 'POST', url: `/v1/scans/${id}/cancel`, headers: { authorization: ctx.tenantA } });
    const response = await ctx.app.inject({ url: `/v1/scans/${id}/events`, headers: { authorization: ctx.tenantA } });
    expect([...response.body.matchAll(/^event: status$/gm)]).toHaveLength(1);
  });
});
