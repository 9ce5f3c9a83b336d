import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AppProcess, EmbeddedAws, type AppLogLine } from '@platform/shared/testing';

interface JobLine extends AppLogLine {
  documentsPurged?: number;
  deadLetterDepth?: number;
  stopped?: boolean;
  limited?: boolean;
  err?: { name?: string; message?: string };
  _aws?: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [metric: string]: unknown;
}

/** One run of the job as a real process (tsx on src/main.ts) against the embedded emulators. */
class JobProcess extends AppProcess<JobLine> {
  static start(env: Record<string, string>): JobProcess {
    return new JobProcess(AppProcess.spawnApp('apps/purge-expired/src/main.ts', 'apps/purge-expired/tsconfig.app.json', env));
  }

  metrics(): JobLine[] {
    return this.lines.filter((line) => line._aws !== undefined);
  }
}

const TABLE_PREFIX = 'purge-test';
const TABLE = `${TABLE_PREFIX}-documents`;

describe('purge-expired (real process, embedded DynamoDB and SQS)', () => {
  let aws: EmbeddedAws;
  let db: DynamoDBDocumentClient;
  let sqs: SQSClient;
  let dir: string;

  beforeAll(async () => {
    aws = await EmbeddedAws.start({ tablePrefix: TABLE_PREFIX });
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: aws.dynamoEndpoint, credentials }));
    sqs = new SQSClient({ region: 'us-east-1', endpoint: aws.sqsEndpoint, credentials });
    dir = mkdtempSync(join(tmpdir(), 'purge-expired-'));
  }, 30_000);

  afterAll(async () => {
    db?.destroy();
    sqs?.destroy();
    await aws?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    ...aws.env,
    SERVICE_NAME: 'purge-expired',
    DEPLOY_ENV: 'test',
    HEARTBEAT_FILE: join(dir, 'heartbeat'),
    ...extra,
  });

  const now = () => Math.floor(Date.now() / 1000);

  /** Chunk items as DocumentRepository stores them; `chunks` > 1 makes a multi-chunk document. */
  async function seed(prefix: string, count: number, expiresAt: number, chunks = 1): Promise<void> {
    const items = Array.from({ length: count }, (_, i) => i).flatMap((i) =>
      Array.from({ length: chunks }, (_, chunk) => ({ scanId: `${prefix}-${i}`, chunk, chunkCount: chunks, data: new Uint8Array([1, 2, 3]), expiresAt })),
    );
    for (let i = 0; i < items.length; i += 25) {
      await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  }

  async function remaining(): Promise<{ scanId: string; chunk: number }[]> {
    const keys: { scanId: string; chunk: number }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: startKey }));
      keys.push(...((page.Items ?? []) as { scanId: string; chunk: number }[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return keys;
  }

  async function clear(): Promise<void> {
    const keys = (await remaining()).map(({ scanId, chunk }) => ({ DeleteRequest: { Key: { scanId, chunk } } }));
    for (let i = 0; i < keys.length; i += 25) await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: keys.slice(i, i + 25) } }));
  }

  beforeEach(() => clear());

  it('deletes only expired documents (every chunk), reports the dead-letter depth, logs one summary and EMF metrics, exits 0', async () => {
    await seed('expired', 40, now() - 60);
    await seed('expired-multi', 3, now() - 86_400, 3);
    await seed('fresh', 20, now() + 3600);
    for (let i = 0; i < 2; i++) await sqs.send(new SendMessageCommand({ QueueUrl: aws.env.SCAN_DLQ_URL, MessageBody: JSON.stringify({ dead: i }) }));

    const job = JobProcess.start(env({ SCAN_PAGE_SIZE: '7' }));
    expect(await job.exited).toEqual({ code: 0, signal: null });

    const left = await remaining();
    expect(left).toHaveLength(20);
    expect(left.every((k) => k.scanId.startsWith('fresh-'))).toBe(true);
    expect(job.logs('run finished')).toEqual([expect.objectContaining({ documentsPurged: 49, deadLetterDepth: 2, stopped: false, limited: false, service: 'purge-expired' })]);
    const [metric] = job.metrics();
    expect(job.metrics()).toHaveLength(1);
    expect(metric).toMatchObject({ Service: 'purge-expired', RunsSucceeded: 1, DocumentsPurged: 49, DeadLetterDepth: 2 });
    expect(metric._aws!.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'DocScan/Jobs', Dimensions: [['Service']] });
    expect(metric._aws!.CloudWatchMetrics[0].Metrics.map((m) => m.Name).sort()).toEqual(['DeadLetterDepth', 'DocumentsPurged', 'RunDurationMs', 'RunsSucceeded']);
    expect(metric.RunsFailed).toBeUndefined();
  });

  it('purges at most MAX_ITEMS per run; the next run continues (idempotent)', async () => {
    await seed('expired', 30, now() - 60);
    await seed('fresh', 5, now() + 3600);

    const first = JobProcess.start(env({ MAX_ITEMS: '12', SCAN_PAGE_SIZE: '10' }));
    expect((await first.exited).code).toBe(0);
    expect(first.logs('run finished')[0]).toMatchObject({ documentsPurged: 12, limited: true });
    expect(await remaining()).toHaveLength(35 - 12);

    const second = JobProcess.start(env());
    expect((await second.exited).code).toBe(0);
    expect(second.logs('run finished')[0]).toMatchObject({ documentsPurged: 18, limited: false });
    const third = JobProcess.start(env());
    expect((await third.exited).code).toBe(0);
    expect(third.logs('run finished')[0]).toMatchObject({ documentsPurged: 0 });
    expect((await remaining()).every((k) => k.scanId.startsWith('fresh-'))).toBe(true);
  });

  it('stops between batches on SIGTERM and exits 0 within a few seconds; only what it reported is gone', async () => {
    await seed('expired', 3000, now() - 60);
    const job = JobProcess.start(env({ SCAN_PAGE_SIZE: '25', LOG_LEVEL: 'debug' }));
    const deadline = Date.now() + 20_000;
    while (job.logs('batch deleted').length < 3 && job.exitedAt === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(job.exitedAt).toBeUndefined();
    const signalledAt = Date.now();
    const exit = await job.kill('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    const [summary] = job.logs('run finished');
    expect(summary).toMatchObject({ stopped: true });
    expect(summary.documentsPurged).toBeGreaterThan(0);
    expect(summary.documentsPurged).toBeLessThan(3000);
    expect(await remaining()).toHaveLength(3000 - summary.documentsPurged!);
  }, 60_000);

  it('a missing table fails the run: exit 1, one readable error line, RunsFailed, no stack trace; the DLQ depth is still reported', async () => {
    const job = JobProcess.start(env({ TABLE_PREFIX: 'no-such-prefix' }));
    expect((await job.exited).code).toBe(1);
    const [failed] = job.logs('run failed');
    expect(failed.err).toMatchObject({ name: 'JobFailedError', message: expect.stringMatching(/^purging expired documents failed: ResourceNotFoundException: /) });
    expect(failed.deadLetterDepth).toEqual(expect.any(Number));
    expect(job.metrics()).toEqual([expect.objectContaining({ RunsFailed: 1, DocumentsPurged: 0, DeadLetterDepth: failed.deadLetterDepth })]);
    expect(job.output.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('a wrong dead-letter queue URL fails the run after purging: exit 1 with a clear message', async () => {
    await seed('expired', 5, now() - 60);
    const job = JobProcess.start(env({ SCAN_DLQ_URL: `${aws.sqsEndpoint}/000000000000/no-such-queue` }));
    expect((await job.exited).code).toBe(1);
    const [failed] = job.logs('run failed');
    expect(failed.err?.message).toMatch(/^reading the depth of the scan dead-letter queue \(SCAN_DLQ_URL\) failed: /);
    expect(failed.documentsPurged).toBe(5);
    expect(job.metrics()).toEqual([expect.objectContaining({ RunsFailed: 1, DocumentsPurged: 5 })]);
    expect(job.output.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with a readable message on bad configuration, before touching AWS', async () => {
    const job = JobProcess.start(env({ SCAN_DLQ_URL: '', MAX_ITEMS: 'all' }));
    expect((await job.exited).code).toBe(1);
    const output = job.output.join('\n');
    expect(output).toContain('SCAN_DLQ_URL is required');
    expect(output).toContain('MAX_ITEMS must be an integer');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
