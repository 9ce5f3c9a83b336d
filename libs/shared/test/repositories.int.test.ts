import {
  ApiKeyRepository,
  DocumentRepository,
  FindingRepository,
  IdempotencyRepository,
  ScanRepository,
  createAwsClients,
  generateApiKey,
  hashApiKey,
  newScanId,
  type AwsClients,
  type Finding,
  type Scan,
} from '../src';
import { EmbeddedAws } from '../src/testing';
import { randomBytes } from 'node:crypto';

let aws: EmbeddedAws;
let clients: AwsClients;

beforeAll(async () => {
  aws = await EmbeddedAws.start({ tablePrefix: 'repo-test' });
  clients = createAwsClients({
    region: 'us-east-1',
    dynamoEndpointUrl: aws.env.AWS_ENDPOINT_URL_DYNAMODB,
    sqsEndpointUrl: aws.env.AWS_ENDPOINT_URL_SQS,
    tablePrefix: 'repo-test',
    scanQueueUrl: aws.env.SCAN_QUEUE_URL,
  });
});

afterAll(async () => {
  clients?.destroy();
  await aws?.stop();
});

function newScan(tenantId: string, overrides: Partial<Scan> = {}): Scan {
  const now = new Date().toISOString();
  return {
    tenantId,
    scanId: newScanId(),
    status: 'queued',
    framework: 'gdpr',
    detectors: [],
    sizeBytes: 5,
    contentSha256: 'x',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    enqueuedAt: now,
    ...overrides,
  };
}

describe('ScanRepository', () => {
  it('creates once: a second create of the same id is refused', async () => {
    const scans = new ScanRepository(clients.dynamo, 'repo-test');
    const scan = newScan('tenant-a');
    expect(await scans.create(scan)).toBe(true);
    expect(await scans.create(scan)).toBe(false);
  });

  it('lets exactly one of two racing workers claim a scan, and only the claimant finish it', async () => {
    const scans = new ScanRepository(clients.dynamo, 'repo-test');
    const scan = newScan('tenant-a');
    await scans.create(scan);
    const now = new Date().toISOString();
    const results = await Promise.all([scans.claim('tenant-a', scan.scanId, now), scans.claim('tenant-a', scan.scanId, now)]);
    const winners = results.filter(Boolean);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.attempts).toBe(1);
    const summary = { total: 0, bySeverity: { low: 0, medium: 0, high: 0, critical: 0 }, byCategory: { secret: 0, 'personal-data': 0 } };
    expect(await scans.succeed('tenant-a', scan.scanId, 2, summary, now)).toBe(false);
    expect(await scans.succeed('tenant-a', scan.scanId, 1, summary, now)).toBe(true);
    expect(await scans.cancel('tenant-a', scan.scanId, now)).toBeUndefined();
  });

  it('does not let a worker overwrite a cancellation', async () => {
    const scans = new ScanRepository(clients.dynamo, 'repo-test');
    const scan = newScan('tenant-a');
    await scans.create(scan);
    const now = new Date().toISOString();
    await scans.claim('tenant-a', scan.scanId, now);
    expect((await scans.cancel('tenant-a', scan.scanId, now))?.status).toBe('cancelled');
    expect(await scans.fail('tenant-a', scan.scanId, 'boom', now)).toBe(false);
    expect((await scans.get('tenant-a', scan.scanId))?.status).toBe('cancelled');
  });

  it('lists a tenant newest first with a status filter, and never another tenant', async () => {
    const scans = new ScanRepository(clients.dynamo, 'repo-test');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const scan = newScan('tenant-list');
      ids.push(scan.scanId);
      await scans.create(scan);
    }
    await scans.create(newScan('tenant-other'));
    const page = await scans.list('tenant-list', { limit: 2 });
    expect(page.items.map((s) => s.scanId)).toEqual([ids[2], ids[1]]);
    expect(page.lastKey).toBeDefined();
    const rest = await scans.list('tenant-list', { limit: 2, startKey: page.lastKey });
    expect(rest.items.map((s) => s.scanId)).toEqual([ids[0]]);
    const running = await scans.list('tenant-list', { limit: 10, status: 'running' });
    expect(running.items).toEqual([]);
  });

  it('finds stale queued scans and lets one sweeper re-enqueue each', async () => {
    const scans = new ScanRepository(clients.dynamo, 'repo-test');
    const old = new Date(Date.now() - 3600_000).toISOString();
    const scan = newScan('tenant-sweep', { enqueuedAt: old });
    await scans.create(scan);
    const stale = await scans.findStaleQueued(new Date(Date.now() - 60_000).toISOString(), 100);
    expect(stale.map((s) => s.scanId)).toContain(scan.scanId);
    const now = new Date().toISOString();
    const wins = await Promise.all([
      scans.markReenqueued('tenant-sweep', scan.scanId, old, now),
      scans.markReenqueued('tenant-sweep', scan.scanId, old, now),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect((await scans.get('tenant-sweep', scan.scanId, true))?.reenqueues).toBe(1);
  });

  it('counts re-sends and hides a scan from the sweeper until its next enqueuedAt', async () => {
    const scans = new ScanRepository(clients.dynamo, 'repo-test');
    const old = new Date(Date.now() - 3600_000).toISOString();
    const scan = newScan('tenant-sweep', { enqueuedAt: old });
    await scans.create(scan);
    const now = new Date().toISOString();
    const later = new Date(Date.now() + 600_000).toISOString();
    expect(await scans.markReenqueued('tenant-sweep', scan.scanId, old, now, later)).toBe(true);
    expect(await scans.get('tenant-sweep', scan.scanId, true)).toMatchObject({ enqueuedAt: later, reenqueues: 1 });
    expect((await scans.findStaleQueued(new Date(Date.now() + 60_000).toISOString(), 100)).map((s) => s.scanId)).not.toContain(scan.scanId);
    expect(await scans.markReenqueued('tenant-sweep', scan.scanId, later, now, now)).toBe(true);
    expect((await scans.get('tenant-sweep', scan.scanId, true))?.reenqueues).toBe(2);
  });
});

describe('DocumentRepository', () => {
  it('round-trips a document larger than one DynamoDB item, compressed and chunked', async () => {
    const documents = new DocumentRepository(clients.dynamo, 'repo-test');
    // Random bytes do not compress, so this spans several chunks.
    const content = randomBytes(700 * 1024).toString('base64') + ' — ünïcødé ✓';
    await documents.put('doc-1', content, Math.floor(Date.now() / 1000) + 3600);
    expect(await documents.get('doc-1')).toBe(content);
    expect(await documents.get('missing')).toBeUndefined();
  });

  it('finds expired chunks page by page and deletes them; fresh documents and a repeated delete are untouched', async () => {
    const documents = new DocumentRepository(clients.dynamo, 'repo-test');
    const now = Math.floor(Date.now() / 1000);
    const big = randomBytes(400 * 1024).toString('base64'); // two chunks
    await documents.put('expired-big', big, now - 10);
    for (let i = 0; i < 5; i++) await documents.put(`expired-${i}`, 'old', now - 3600);
    await documents.put('fresh', 'new', now + 3600);

    const keys: { scanId: string; chunk: number }[] = [];
    let startKey: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const page = await documents.findExpired(now, { limit: 3, startKey });
      keys.push(...page.keys);
      startKey = page.nextKey;
      pages++;
    } while (startKey);
    const expired = keys.filter((k) => k.scanId.startsWith('expired-'));
    expect(expired.filter((k) => k.scanId === 'expired-big').map((k) => k.chunk).sort()).toEqual([0, 1]);
    expect(new Set(expired.map((k) => k.scanId)).size).toBe(6);
    expect(keys.some((k) => k.scanId === 'fresh')).toBe(false);
    expect(pages).toBeGreaterThan(1);

    await documents.deleteChunks(expired);
    await documents.deleteChunks(expired);
    expect(await documents.get('expired-big')).toBeUndefined();
    expect(await documents.get('expired-0')).toBeUndefined();
    expect(await documents.get('fresh')).toBe('new');
  });
});

describe('FindingRepository', () => {
  it('writes idempotently: the same findings twice leave no duplicates', async () => {
    const findingRepo = new FindingRepository(clients.dynamo, 'repo-test');
    const findings: Finding[] = Array.from({ length: 30 }, (_, i) => ({
      findingId: `f${String(i).padStart(4, '0')}`,
      detectorId: 'email',
      category: 'personal-data',
      severity: 'medium',
      confidence: 0.9,
      location: { line: 1, column: i + 1, startByte: i, endByte: i + 1 },
      redacted: 'a***@example.com',
      mappings: [],
    }));
    await findingRepo.putAll('scan-f', findings);
    await findingRepo.putAll('scan-f', findings);
    const all = await findingRepo.listAll('scan-f');
    expect(all).toHaveLength(30);
    expect(all[0]).toEqual(findings[0]);
  });
});

describe('IdempotencyRepository', () => {
  it('claims a key once and returns the first record to later requests', async () => {
    const repo = new IdempotencyRepository(clients.dynamo, 'repo-test');
    const record = { idempotencyId: 't#k1', requestHash: 'h1', scanId: 's1', createdAt: 'now', expiresAt: Math.floor(Date.now() / 1000) + 60 };
    expect(await repo.claim(record)).toEqual({ outcome: 'claimed' });
    const second = await repo.claim({ ...record, requestHash: 'h2', scanId: 's2' });
    expect(second).toEqual({ outcome: 'existing', record });
  });

  it('treats an expired record as absent', async () => {
    const repo = new IdempotencyRepository(clients.dynamo, 'repo-test');
    const expired = { idempotencyId: 't#k2', requestHash: 'h1', scanId: 's1', createdAt: 'then', expiresAt: 1 };
    await repo.claim(expired);
    expect(await repo.claim({ ...expired, scanId: 's2', expiresAt: Math.floor(Date.now() / 1000) + 60 })).toEqual({ outcome: 'claimed' });
  });
});

describe('ApiKeyRepository', () => {
  it('stores only the hash and resolves a key to its tenant', async () => {
    const keys = new ApiKeyRepository(clients.dynamo, 'repo-test');
    const key = generateApiKey();
    const record = await keys.register(key, 'tenant-k', 'test');
    expect(JSON.stringify(record)).not.toContain(key);
    expect((await keys.findByKey(key))?.tenantId).toBe('tenant-k');
    expect(await keys.findByKey(generateApiKey())).toBeUndefined();
    expect((await keys.findByHash(hashApiKey(key)))?.tenantId).toBe('tenant-k');
  });
});
